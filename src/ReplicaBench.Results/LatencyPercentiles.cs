using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>Latency percentiles in milliseconds; every figure is null when nothing was measured, never zero.</summary>
[Description("Latency of successful operations in ms (HdrHistogram, 3 significant digits); all null when none completed.")]
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
