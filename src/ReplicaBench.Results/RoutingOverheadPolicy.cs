using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>One routing policy's CPU per point read and its overhead over the baseline pass it was paired with.</summary>
public sealed record RoutingOverheadPolicy
{
    [Description("The routing policy, as --policy spells it, e.g. bounded-staleness:100ms.")]
    public string Policy { get; init; } = "";

    [Description("Median over rounds of the process's CPU per operation through the router with this policy, µs.")]
    public double CpuMicrosPerOperation { get; init; }

    [Description("The plain path this row was paired with: the same servers in the same connection pattern without a router (e.g. plain data sources on the replicas in a shared rotation for round-robin); null in schema version 1, where it is the top-level baseline.")]
    public string? Baseline { get; init; }

    [Description("Median over rounds of the CPU per operation of the baseline pass paired with this policy's, µs.")]
    public double BaselineCpuMicrosPerOperation { get; init; }

    [Description("Median over rounds of (this policy's pass minus its baseline pass), µs per operation; negative when the router measured cheaper (noise).")]
    public double OverheadMicrosPerOperation { get; init; }

    [Description("OverheadMicrosPerOperation as a percentage of BaselineCpuMicrosPerOperation.")]
    public double OverheadPercent { get; init; }

    [Description("The per-round differences the median is taken from, µs per operation, in round order.")]
    public IReadOnlyList<double> OverheadMicrosPerRound { get; init => field = value ?? []; } = [];

    [Description("True for a reference row that is no routing policy (a plain data source on a replica, no router), measured the same way for comparison.")]
    public bool Reference { get; init; }

    [Description("Share of this policy's reads that replicas served, 0 to 1 (shows the policy took its replica path); null when not known.")]
    public double? ReplicaReadShare { get; init; }
}
