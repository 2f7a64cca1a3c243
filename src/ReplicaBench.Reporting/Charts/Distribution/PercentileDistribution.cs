using HdrHistogram;

namespace ReplicaBench.Reporting.Charts.Distribution;

/// <summary>
/// A histogram's percentile distribution as HdrHistogram plots it: latency against percentile on a
/// "number of nines" axis. Points come from the whole histogram (every recorded value), not from the
/// few percentiles results.json keeps: a grid every <see cref="Step"/> nines plus the labelled
/// percentiles (50%, 90%, 99% …) exactly, up to the last nine the sample count supports (log10 of
/// the count: 1,000 operations say nothing about p99.99).
/// </summary>
public static class PercentileDistribution
{
    /// <summary>Grid spacing in nines: 20 points per decade draw a smooth line.</summary>
    public const double Step = 0.05;

    /// <summary>The percentiles the axis labels: the median, then one more nine per step.</summary>
    public static IReadOnlyList<double> Labelled { get; } = [50, 90, 99, 99.9, 99.99, 99.999, 99.9999];

    public static double NinesOf(double percentile) => -Math.Log10(1 - (percentile / 100));

    /// <summary>The axis label of a labelled percentile: "50%", "99.9%".</summary>
    public static string Label(double percentile) => percentile.ToString("0.#####", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>The last nine a histogram of <paramref name="count"/> samples supports: log10(count).</summary>
    public static double MaxNines(long count) => count <= 1 ? 0 : Math.Log10(count);

    /// <summary>The distribution of <paramref name="histogram"/> (values in µs) as points in ms, in percentile order; empty when it holds nothing.</summary>
    public static IReadOnlyList<PercentilePoint> Points(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return [];
        }

        var maxNines = MaxNines(histogram.TotalCount);
        var percentiles = new SortedSet<double>(Labelled.Where(p => NinesOf(p) <= maxNines + 1e-9));
        var labelled = percentiles.ToArray();
        for (var step = 0; step * Step <= maxNines + 1e-9; step++)
        {
            // A grid point that is a labelled percentile up to rounding (3 nines = 99.9%) is that one.
            var percentile = 100 * (1 - Math.Pow(10, -step * Step));
            if (!labelled.Any(p => Math.Abs(p - percentile) < 1e-7))
            {
                percentiles.Add(percentile);
            }
        }

        return [.. percentiles.Select(p => new PercentilePoint(p, histogram.GetValueAtPercentile(p) / 1000.0))];
    }

    /// <summary>The point at exactly <paramref name="percentile"/> (a labelled one), or null when the distribution stops short of it.</summary>
    public static PercentilePoint? At(IReadOnlyList<PercentilePoint> points, double percentile)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.FirstOrDefault(p => Math.Abs(p.Percentile - percentile) < 1e-9);
    }
}
