namespace ReplicaBench.Engine;

/// <summary>What an operation does to the database, which decides where it may run.</summary>
public enum OperationKind
{
    /// <summary>Reads only: may run on a replica if the policy allows.</summary>
    Read,

    /// <summary>Writes: always runs on the primary.</summary>
    Write,
}
