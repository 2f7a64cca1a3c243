using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>Recovery conflicts by the kinds PostgreSQL's <c>pg_stat_database_conflicts</c> counts, plus any other.</summary>
[Description("Recovery conflicts by kind (the columns of pg_stat_database_conflicts, plus other).")]
public sealed record ConflictKindCounts
{
    [Description("Replay removed row versions a query's snapshot could still need (vacuum or pruning on the primary): confl_snapshot.")]
    public long Snapshot { get; init; }

    [Description("A query held a lock replay needed: confl_lock.")]
    public long Lock { get; init; }

    [Description("A query pinned a buffer replay needed to clean: confl_bufferpin.")]
    public long Bufferpin { get; init; }

    [Description("A buffer-pin wait of replay deadlocked with a query: confl_deadlock.")]
    public long Deadlock { get; init; }

    [Description("A query used a tablespace replay dropped: confl_tablespace.")]
    public long Tablespace { get; init; }

    [Description("Client: a cancellation whose detail names no known kind. Server: always 0 (the view has no such column).")]
    public long Other { get; init; }

    /// <summary>All kinds together.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long Total => Snapshot + Lock + Bufferpin + Deadlock + Tablespace + Other;
}
