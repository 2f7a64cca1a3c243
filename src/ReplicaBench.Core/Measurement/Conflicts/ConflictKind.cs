namespace ReplicaBench.Measurement.Conflicts;

/// <summary>Why recovery on a replica cancelled a query: the kinds <c>pg_stat_database_conflicts</c> counts, plus any other.</summary>
public enum ConflictKind
{
    /// <summary>Replay removes row versions the query's snapshot may still need (vacuum or pruning on the primary): <c>confl_snapshot</c>.</summary>
    Snapshot,

    /// <summary>The query held a lock replay needed (e.g. an <c>ACCESS EXCLUSIVE</c> lock replayed from the primary): <c>confl_lock</c>.</summary>
    Lock,

    /// <summary>The query pinned a buffer replay needed to clean up: <c>confl_bufferpin</c>.</summary>
    BufferPin,

    /// <summary>A buffer-pin wait of replay deadlocked with the query: <c>confl_deadlock</c>.</summary>
    Deadlock,

    /// <summary>The query used a tablespace replay drops: <c>confl_tablespace</c>.</summary>
    Tablespace,

    /// <summary>A recovery conflict with a detail this build does not know (e.g. a dropped database, or a newer server's kinds).</summary>
    Other,
}
