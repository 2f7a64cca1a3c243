using HdrHistogram;

namespace ReplicaBench.Engine.RunResults;

/// <summary>
/// Latency percentiles of a histogram in microseconds (HdrHistogram's "highest equivalent value",
/// i.e. accurate to 0.1%). <see cref="Count"/> is the number of values behind them; when it is 0
/// every figure is 0 and means "no data".
/// </summary>
public sealed record LatencySummary(long Count, double Mean, long P50, long P75, long P90, long P95, long P99, long P999, long Max)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary From(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return Empty;
        }

        return new LatencySummary(
            histogram.TotalCount,
            histogram.GetMean(),
            histogram.GetValueAtPercentile(50),
            histogram.GetValueAtPercentile(75),
            histogram.GetValueAtPercentile(90),
            histogram.GetValueAtPercentile(95),
            histogram.GetValueAtPercentile(99),
            histogram.GetValueAtPercentile(99.9),
            histogram.GetMaxValue());
    }

    /// <summary>Microseconds to milliseconds, the unit of <c>results.json</c>'s <c>latencyMs</c>.</summary>
    public static double ToMilliseconds(long microseconds) => microseconds / 1000.0;
}
