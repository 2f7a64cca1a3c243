namespace ReplicaBench.Workload.Scripts;

/// <summary>What a statement does to the transaction it runs in, as far as classifying a script needs.</summary>
internal enum SqlTransactionEffect
{
    None,

    /// <summary>BEGIN / START TRANSACTION (read-write or default).</summary>
    Begin,

    /// <summary>BEGIN READ ONLY / START TRANSACTION READ ONLY: writes inside would fail anyway.</summary>
    BeginReadOnly,

    /// <summary>SET TRANSACTION READ ONLY: the rest of the transaction cannot write.</summary>
    ReadOnlyFromHere,

    /// <summary>COMMIT / END / ROLLBACK / ABORT.</summary>
    End,
}
