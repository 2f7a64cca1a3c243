namespace ReplicaBench.Reporting.Results;

/// <summary>Latency percentiles in milliseconds; a missing percentile is null, never zero.</summary>
public sealed record LatencyPercentiles
{
    public double? P50 { get; init; }

    public double? P90 { get; init; }

    public double? P95 { get; init; }

    public double? P99 { get; init; }

    public double? P999 { get; init; }

    public double? Max { get; init; }

    public double? Mean { get; init; }
}
