using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>The staleness bound of the reads one replica served, as the router knew it when it chose the replica.</summary>
public sealed record ServedStalenessReplica
{
    [Description("Replica name.")]
    public string Replica { get; init; } = "";

    [Description("Reads it served with a known bound.")]
    public long Reads { get; init; }

    [Description("Reads it served while the router had no bound for it (not in the percentiles).")]
    public long Unbounded { get; init; }

    [Description("Median bound, ms; null when no read had one.")]
    public double? P50Ms { get; init; }

    [Description("p99 bound, ms; null when no read had one.")]
    public double? P99Ms { get; init; }

    [Description("Largest bound, ms; null when no read had one.")]
    public double? MaxMs { get; init; }
}
