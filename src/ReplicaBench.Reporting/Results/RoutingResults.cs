namespace ReplicaBench.Reporting.Results;

/// <summary>Where reads went: how often the router fell back, and intended vs served node counts.</summary>
public sealed record RoutingResults
{
    public long Fallbacks { get; init; }

    public IReadOnlyList<RoutedReads> IntendedVsServed { get; init; } = [];
}
