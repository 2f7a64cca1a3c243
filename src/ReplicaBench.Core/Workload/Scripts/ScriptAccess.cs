namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// Whether a script only reads (and so may be routed to a replica) or writes (and must run on the primary).
/// </summary>
public enum ScriptAccess
{
    /// <summary>Every statement reads, or the script says so with <c>-- replicabench: read</c>.</summary>
    Read,

    /// <summary>At least one statement writes or cannot be shown to be a read: the safe default.</summary>
    Write,
}
