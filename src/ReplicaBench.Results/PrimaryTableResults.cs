using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>The long-reads table on the primary when its updates and vacuums began and when they ended: what hot_standby_feedback costs.</summary>
[Description("The scenario's table on the primary (scenario long-reads) when the primary's updates and vacuums began and after the last one: dead tuples vacuum could not remove, and size. Left out for other scenarios.")]
public sealed record PrimaryTableResults
{
    [Description("The table, e.g. replicabench_long_reads.")]
    public string Table { get; init; } = "";

    [Description("pg_stat_user_tables.n_dead_tup before the first update.")]
    public long DeadTuplesBefore { get; init; }

    [Description("pg_stat_user_tables.n_dead_tup after the last vacuum: the dead row versions it had to keep (held by a replica's snapshot through hot_standby_feedback, or by a snapshot on the primary).")]
    public long DeadTuplesAfter { get; init; }

    [Description("pg_table_size before the first update, bytes.")]
    public long SizeBytesBefore { get; init; }

    [Description("pg_table_size after the last vacuum, bytes.")]
    public long SizeBytesAfter { get; init; }

    [Description("Update-and-vacuum cycles the primary ran in the window.")]
    public int Cycles { get; init; }
}
