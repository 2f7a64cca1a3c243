namespace ReplicaBench.Workload;

/// <summary>What <see cref="ReadYourWritesTracker.CheckRead"/> found for one row a session read.</summary>
public enum ReadYourWritesCheck
{
    /// <summary>The session has not written the key (or no longer remembers it): nothing to check.</summary>
    NotOwnWrite,

    /// <summary>The session wrote the key and the read returned that version or a newer one.</summary>
    Kept,

    /// <summary>The session wrote the key and the read returned an older version: a violation.</summary>
    Violated,
}
