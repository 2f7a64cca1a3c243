using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>
/// The staleness bound of a set of replica reads, as the router knew it when it chose the replica:
/// the figures shared by a cell's total and each replica's share of it.
/// </summary>
public abstract record ServedStalenessBound
{
    [Description("Replica reads served with a known bound.")]
    public long Reads { get; init; }

    [Description("Replica reads served while the router had no bound (not in the percentiles).")]
    public long Unbounded { get; init; }

    [Description("Median bound, ms; null when no read had one.")]
    public double? P50Ms { get; init; }

    [Description("p99 bound, ms; null when no read had one.")]
    public double? P99Ms { get; init; }

    [Description("Largest bound, ms; null when no read had one.")]
    public double? MaxMs { get; init; }
}
