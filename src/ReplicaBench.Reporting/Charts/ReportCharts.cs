using ReplicaBench.Reporting.Charts.Distribution;
using ReplicaBench.Reporting.Charts.Nodes;
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
            PercentileDistributionChart.Create(folder, emulation),
            TimeSeriesChart.Throughput(cells, emulation),
            TimeSeriesChart.P99(cells, emulation),
        };
        charts.AddRange(NodePanels.Create(cells, emulation));
        charts.AddRange(StalenessChart.Create(cells));
        charts.Add(VisibilityChart.Create(cells));
        charts.AddRange(LimitsChart.Create(folder.Load?.Limits, emulation));
        charts.Add(RoutingChart.Create(cells));
        charts.Add(MicroBenchmarkChart.Create(folder.Micro));
        return charts.OfType<RenderedChart>().ToArray();
    }

    /// <summary>
    /// A sentence for each chart left out for want of data where a reader would look for it: the
    /// percentile distribution without histogram logs, node CPU without emulated nodes, a cell's
    /// staleness timeline without lag data.
    /// </summary>
    public static IReadOnlyList<string> Omitted(RunFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var distribution = PercentileDistributionChart.Omitted(folder, drawn: PercentileDistributionChart.Lines(folder).Count > 0);
        return [.. distribution is null ? [] : new[] { distribution }, .. NodePanels.Omitted(folder.Cells), .. StalenessChart.Omitted(folder.Cells)];
    }
}
