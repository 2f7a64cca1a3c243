using ReplicaBench.Results;
using ScottPlot;

namespace ReplicaBench.Reporting.Charts;

/// <summary>
/// A per-second series over the measured window (on the run's <see cref="Timeline"/>), one line
/// per cell, with the seconds that had errors marked by a red cross: shows warm-up drift, stalls and when errors happened. Faults a
/// run injected are drawn as dashed vertical lines (<see cref="FaultMarkers"/>).
/// </summary>
internal static class TimeSeriesChart
{
    public static RenderedChart? Throughput(IReadOnlyList<CellResults> cells, string? emulation = null) =>
        Create(cells, "throughput-over-time", EmulationLabel.Title("Throughput over time", emulation), "Successful operations per second (ops/s)", p => p.Throughput);

    public static RenderedChart? P99(IReadOnlyList<CellResults> cells, string? emulation = null) =>
        Create(cells, "p99-over-time", EmulationLabel.Title("p99 latency over time", emulation), "p99 latency per second (ms)", p => p.P99Ms);

    private static RenderedChart? Create(IReadOnlyList<CellResults> cells, string name, string title, string yLabel, Func<CellSecond, double?> value)
    {
        var withSeries = cells.Where(c => c.TimeSeries.Any(p => value(p) is not null)).ToArray();
        if (withSeries.Length == 0)
        {
            return null;
        }

        using var plot = Draw(withSeries, title, yLabel, value, out var errorSeconds, out var faults);
        var caption = (errorSeconds > 0
            ? $"One line per cell; a red cross marks each of the {errorSeconds} second(s) with errors. "
            : "One line per cell; no second had errors. ") + Timeline.Caption + FaultMarkers.Caption(faults);
        return ChartRenderer.Render(plot, name, title, caption);
    }

    /// <summary>The plot of <paramref name="withSeries"/>, before rendering (tests read its axes and series).</summary>
    internal static Plot Draw(IReadOnlyList<CellResults> withSeries, string title, string yLabel, Func<CellSecond, double?> value, out int errorSeconds, out int faults)
    {
        var plot = ChartStyle.NewPlot(title, Timeline.AxisLabel, yLabel);
        var errorXs = new List<double>();
        var errorYs = new List<double>();
        for (var i = 0; i < withSeries.Count; i++)
        {
            var points = withSeries[i].TimeSeries.Where(p => value(p) is not null).OrderBy(p => p.T).ToArray();
            var line = plot.Add.Scatter(points.Select(p => p.T).ToArray(), points.Select(p => value(p)!.Value).ToArray());
            line.LegendText = withSeries[i].Label;
            line.Color = ChartStyle.Series(i, withSeries.Count);
            line.LineWidth = 2;
            line.MarkerSize = 0;
            foreach (var point in points.Where(p => p.Errors > 0))
            {
                errorXs.Add(point.T);
                errorYs.Add(value(point)!.Value);
            }
        }

        if (errorXs.Count > 0)
        {
            var markers = plot.Add.Markers(errorXs.ToArray(), errorYs.ToArray());
            markers.MarkerStyle.Shape = MarkerShape.Eks;
            markers.MarkerStyle.Size = 12;
            markers.MarkerStyle.LineWidth = 2.5f;
            markers.Color = ChartStyle.ErrorColor;
            markers.LegendText = "second with errors";
        }

        faults = FaultMarkers.Add(plot, withSeries);
        Timeline.Apply(plot, withSeries);
        ChartStyle.Finish(plot);
        errorSeconds = errorXs.Count;
        return plot;
    }
}
