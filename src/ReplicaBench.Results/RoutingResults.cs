using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>Where reads went in the measured window: how often the router fell back, and intended vs served node counts.</summary>
public sealed record RoutingResults
{
    [Description("Reads served by another node than the one the policy chose, in the measured window.")]
    public long Fallbacks { get; init; }

    [Description("Reads per (intended, served) node pair, in the measured window.")]
    public IReadOnlyList<RoutedReads> IntendedVsServed { get; init => field = value ?? []; } = [];
}
