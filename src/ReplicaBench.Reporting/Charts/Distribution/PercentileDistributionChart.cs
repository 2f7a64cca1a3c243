using ReplicaBench.Reporting.Inputs;
using ScottPlot;

namespace ReplicaBench.Reporting.Charts.Distribution;

/// <summary>
/// HdrHistogram's percentile-distribution plot: latency (ms) against percentile on a "number of
/// nines" axis (x = log10(1 / (1 − p)), labelled 50%, 90%, 99%, 99.9% …), one line per cell, so the
/// whole tail is visible and not only the four percentiles results.json keeps. A comparison adds the
/// baseline run's cells as dashed lines.
/// </summary>
public static class PercentileDistributionChart
{
    public const string Name = "percentile-distribution";

    public const string Caption =
        "Latency at each percentile of all operations in the measured window, from the cells' HdrHistogram logs (latency.hlog); " +
        "each step right is one more nine, and a line ends at the last nine its sample count supports.";

    /// <summary>One line per cell of the run that has a readable latency.hlog, in the report's cell order.</summary>
    public static IReadOnlyList<DistributionLine> Lines(RunFolder folder, bool baseline = false)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var lines = new List<DistributionLine>();
        foreach (var cell in folder.Cells.OrderBy(c => c.Replicas).ThenBy(c => c.Policy, StringComparer.Ordinal))
        {
            if (MeasuredLatency.Read(folder.Directory, cell) is { } histogram)
            {
                lines.Add(new DistributionLine(baseline ? "baseline: " + cell.Label : cell.Label, PercentileDistribution.Points(histogram), baseline));
            }
        }

        return lines;
    }

    /// <summary>The run's chart, or null when no cell has a histogram log.</summary>
    public static RenderedChart? Create(RunFolder folder, string? emulation = null)
    {
        var lines = Lines(folder);
        return lines.Count == 0 ? null : Render(lines, EmulationLabel.Title("Latency by percentile", emulation), Caption);
    }

    /// <summary>The sentence that stands in for the chart when the run has cells but no histogram log; null otherwise.</summary>
    public static string? Omitted(RunFolder folder, bool drawn) =>
        drawn || folder.Cells.Count == 0
            ? null
            : "No percentile-distribution chart: no cell has a readable HdrHistogram log (cells/<id>/latency.hlog), so only the stored percentiles in the cells table are available.";

    public static RenderedChart Render(IReadOnlyList<DistributionLine> lines, string title, string caption)
    {
        using var plot = Draw(lines, title);
        return ChartRenderer.Render(plot, Name, title, caption);
    }

    /// <summary>The plot, before rendering (tests read its axes and series).</summary>
    internal static Plot Draw(IReadOnlyList<DistributionLine> lines, string title)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var plot = ChartStyle.NewPlot(title, "Percentile (log scale: each step is one more nine)", "Latency (ms)");
        var candidates = lines.Where(l => !l.IsBaseline).Select(l => l.Label).ToList();
        foreach (var line in lines.Where(l => l.Points.Count > 0))
        {
            var scatter = plot.Add.Scatter(line.Points.Select(p => p.Nines).ToArray(), line.Points.Select(p => p.LatencyMs).ToArray());
            scatter.LegendText = line.Label;
            // A baseline line takes its candidate's colour (same cell), dashed; an unmatched one is grey.
            var index = candidates.IndexOf(line.IsBaseline ? line.Label["baseline: ".Length..] : line.Label);
            scatter.Color = index >= 0 ? ChartStyle.Series(index, candidates.Count) : Colors.Gray;
            scatter.LinePattern = line.IsBaseline ? LinePattern.Dashed : LinePattern.Solid;
            scatter.LineWidth = 2;
            scatter.MarkerSize = 0;
        }

        var maxNines = lines.SelectMany(l => l.Points).Select(p => p.Nines).DefaultIfEmpty(1).Max();
        var ticks = PercentileDistribution.Labelled.Where(p => PercentileDistribution.NinesOf(p) <= maxNines + 1e-9).ToList();
        plot.Axes.Bottom.SetTicks(
            [0, .. ticks.Select(PercentileDistribution.NinesOf)],
            ["0%", .. ticks.Select(PercentileDistribution.Label)]);
        plot.Axes.SetLimitsX(0, Math.Max(maxNines, 1));
        // Latency starts at zero: a zoomed axis would make the body look as slow as the tail.
        plot.Axes.SetLimitsY(0, lines.SelectMany(l => l.Points).Select(p => p.LatencyMs).DefaultIfEmpty(1).Max() * 1.08);
        ChartStyle.Finish(plot);
        return plot;
    }
}
