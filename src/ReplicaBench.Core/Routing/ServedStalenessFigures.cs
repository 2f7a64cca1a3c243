using HdrHistogram;

namespace ReplicaBench.Routing;

/// <summary>
/// The staleness bound of the reads one replica (or every replica, <see cref="Replica"/> null)
/// served, as <see cref="ServedStalenessRecorder"/> recorded it.
/// </summary>
/// <param name="Replica">The replica, or null for all replicas together.</param>
/// <param name="Unbounded">Reads served while the board had no bound for the replica (not in the histogram).</param>
/// <param name="Histogram">The bounds in µs (1 µs to 1 h, 3 significant digits): mergeable, encodable.</param>
public sealed record ServedStalenessFigures(string? Replica, long Unbounded, HistogramBase Histogram)
{
    /// <summary>Reads with a known bound: the histogram's count.</summary>
    public long Reads => Histogram.TotalCount;

    /// <summary>Median bound in ms; null when no read had one.</summary>
    public double? P50Ms => PercentileMs(50);

    public double? P99Ms => PercentileMs(99);

    public double? MaxMs => Reads == 0 ? null : Histogram.GetMaxValue() / 1000.0;

    /// <summary>The bound at <paramref name="percentile"/> (0–100) in ms; null when no read had one.</summary>
    public double? PercentileMs(double percentile) => Reads == 0 ? null : Histogram.GetValueAtPercentile(percentile) / 1000.0;
}
