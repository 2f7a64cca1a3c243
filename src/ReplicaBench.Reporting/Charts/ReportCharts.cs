using ReplicaBench.Reporting.Inputs;

namespace ReplicaBench.Reporting.Charts;

/// <summary>Builds every chart a run folder's data supports, in report order; absent data means no chart, never an empty one.</summary>
public static class ReportCharts
{
    public static IReadOnlyList<RenderedChart> Build(RunFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var cells = folder.Cells;
        var emulation = EmulationLabel.For(folder.Load?.Run);
        var charts = new List<RenderedChart?>
        {
            ThroughputChart.Create(cells, emulation),
            LatencyPercentilesChart.Create(cells, emulation),
            TimeSeriesChart.Throughput(cells, emulation),
            TimeSeriesChart.P99(cells, emulation),
        };
        charts.AddRange(StalenessChart.Create(cells));
        charts.Add(VisibilityChart.Create(cells));
        charts.Add(RoutingChart.Create(cells));
        charts.Add(MicroBenchmarkChart.Create(folder.Micro));
        return charts.OfType<RenderedChart>().ToArray();
    }

    /// <summary>A sentence for each chart left out for want of data where a reader would look for it (a cell's staleness timeline).</summary>
    public static IReadOnlyList<string> Omitted(RunFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return [.. StalenessChart.Omitted(folder.Cells)];
    }
}
