using System.Globalization;
using ReplicaBench.Reporting.Inputs;
using ScottPlot;

namespace ReplicaBench.Reporting.Charts;

/// <summary>
/// Microbenchmarks: the mean per benchmark as a dot with its BenchmarkDotNet confidence interval
/// as a bar, on a log scale when the means span more than a factor of 20 (pooled vs unpooled
/// connects differ by orders of magnitude from a routing decision).
/// </summary>
internal static class MicroBenchmarkChart
{
    private const double LogSpreadThreshold = 20;

    /// <summary>The lowest time the log axis shows, in ns.</summary>
    private const double LogFloorNs = 0.1;

    public static RenderedChart? Create(IReadOnlyList<MicroBenchmarkResult> benchmarks)
    {
        if (benchmarks.Count == 0)
        {
            return null;
        }

        var ordered = benchmarks.OrderBy(b => b.MeanNs).ToArray();
        var min = Math.Max(ordered[0].MeanNs, 1e-3);
        var log = ordered[^1].MeanNs / min > LogSpreadThreshold;
        var (unit, divisor) = Unit(log ? min : ordered[^1].MeanNs);
        using var plot = ChartStyle.NewPlot("Microbenchmarks: mean with confidence interval", log ? "Time per operation (log scale)" : $"Time per operation ({unit})", "");
        // On the log axis nothing goes below 0.1 ns: an empty benchmark's mean (and the lower end of
        // its interval) is BenchmarkDotNet's "nothing measurable", not a time worth ten decades of axis.
        double Transform(double ns) => log ? Math.Log10(Math.Max(ns, Math.Max(min / 100, LogFloorNs)) / divisor) : ns / divisor;

        for (var i = 0; i < ordered.Length; i++)
        {
            var y = ordered.Length - 1 - i;
            var benchmark = ordered[i];
            var interval = plot.Add.Line(Transform(benchmark.CiLowerNs), y, Transform(benchmark.CiUpperNs), y);
            interval.LineWidth = 3;
            interval.Color = ChartStyle.AsIntendedColor.WithAlpha(0.6);
            interval.LegendText = i == 0 ? "confidence interval (BenchmarkDotNet)" : "";
            var mean = plot.Add.Marker(Transform(benchmark.MeanNs), y);
            mean.Size = 11;
            mean.Color = ChartStyle.AsIntendedColor;
            mean.Shape = MarkerShape.FilledCircle;
            mean.LegendText = i == 0 ? "mean" : "";
            // Below 1 ns the mean is BenchmarkDotNet's overhead-subtracted "nothing measurable".
            var text = benchmark.MeanNs < 1 ? "< 1 ns" : Format.Duration(benchmark.MeanNs);
            var label = plot.Add.Text(" " + text, Transform(benchmark.MeanNs), y + 0.22);
            label.LabelFontSize = 12;
            label.LabelFontName = ChartStyle.FontName;
            label.LabelAlignment = Alignment.LowerCenter;
        }

        plot.Axes.Left.SetTicks(ordered.Select((_, i) => (double)(ordered.Length - 1 - i)).ToArray(), ordered.Select(b => b.Label).ToArray());
        if (log)
        {
            // One labelled tick per decade (1 ns, 10 ns, … 10 ms): ScottPlot's automatic ticks skip
            // decades on a wide range, which leaves a reader guessing what a dot between them means.
            var first = (int)Math.Floor(ordered.Min(b => Transform(b.CiLowerNs)));
            var last = (int)Math.Ceiling(ordered.Max(b => Transform(b.CiUpperNs)));
            var decades = Enumerable.Range(first, last - first + 1).Select(d => (double)d).ToArray();
            plot.Axes.Bottom.SetTicks(decades, [.. decades.Select(d => Tick(Math.Pow(10, d) * divisor))]);
            plot.Axes.Bottom.MinorTickStyle.Length = 0;
        }

        plot.Axes.Margins(horizontal: 0.12, vertical: 0.8 / Math.Max(ordered.Length, 1));
        if (log)
        {
            // Some room beyond the outer ticks (more on the left, where "< 1 ns" sits), so no label is cut.
            plot.Axes.SetLimitsX(Math.Floor(ordered.Min(b => Transform(b.CiLowerNs))) - 0.4, Math.Ceiling(ordered.Max(b => Transform(b.CiUpperNs))) + 0.25);
        }
        ChartStyle.Finish(plot);
        return ChartRenderer.Render(
            plot,
            "microbenchmarks",
            "Microbenchmarks",
            "Mean time per operation (dot) with BenchmarkDotNet's confidence interval (bar); few iterations give wide intervals.",
            ChartStyle.Width,
            200 + (60 * ordered.Length));
    }

    /// <summary>A decade tick in its own unit: 10 ns, 1 µs, 100 ms.</summary>
    private static string Tick(double ns)
    {
        var (unit, divisor) = Unit(ns);
        return (ns / divisor).ToString("G3", CultureInfo.InvariantCulture) + " " + unit;
    }

    private static (string Unit, double Divisor) Unit(double ns) => ns switch
    {
        >= 1e6 => ("ms", 1e6),
        >= 1e3 => ("µs", 1e3),
        _ => ("ns", 1),
    };
}
