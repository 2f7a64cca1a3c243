using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>The measured window's recovery conflicts as the client saw them and as the replicas counted them.</summary>
[Description("Recovery conflicts over the measured window (scenario long-reads): the client's cancelled reads by the kind in each error's detail, and the replicas' own pg_stat_database_conflicts deltas summed over the replicas. Left out for other scenarios.")]
public sealed record ConflictResults
{
    [Description("Reads cancelled with SQLSTATE 40001 'canceling statement due to conflict with recovery', by the kind in the error's detail; the same cancellations the errors count as recovery-conflict-<kind>.")]
    public ConflictKindCounts Client { get; init; } = new();

    [Description("pg_stat_database_conflicts over the window, summed over the replicas (every session of the database, read once the cancelled sessions had reported).")]
    public ConflictKindCounts Server { get; init; } = new();
}
