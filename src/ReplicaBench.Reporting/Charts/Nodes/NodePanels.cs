using ReplicaBench.Results;
using ScottPlot;

namespace ReplicaBench.Reporting.Charts.Nodes;

/// <summary>
/// Per-node panels: throughput, p99 and (emulated nodes) CPU of every node in every cell, as bars
/// grouped by cell, one colour per node name across panels. A panel with nothing known is left out;
/// <see cref="Omitted"/> says so for CPU, which only emulated nodes measure.
/// </summary>
internal static class NodePanels
{
    private static readonly NodeMetric[] Metrics = [NodeMetric.Throughput, NodeMetric.P99, NodeMetric.Cpu];

    public static IReadOnlyList<RenderedChart> Create(IReadOnlyList<CellResults> cells, string? emulation = null)
    {
        var charts = new List<RenderedChart>();
        foreach (var metric in Metrics)
        {
            var title = EmulationLabel.Title(metric.Title, emulation);
            using var plot = Draw(cells, metric, title);
            if (plot is not null)
            {
                charts.Add(ChartRenderer.Render(plot, metric.Name, title, metric.Caption));
            }
        }

        return charts;
    }

    /// <summary>Sentences for panels a reader would look for and that have no data: CPU when nodes served but none was measured.</summary>
    public static IEnumerable<string> Omitted(IReadOnlyList<CellResults> cells)
    {
        if (Known(cells, NodeMetric.Throughput).Any() && !Known(cells, NodeMetric.Cpu).Any())
        {
            yield return "No CPU-per-node chart: node CPU is measured only for nodes with a CPU quota (topology up --node-cpus), and this run's nodes had none.";
        }
    }

    /// <summary>The panel's plot, or null when no node of any cell has the metric (tests read its bars).</summary>
    internal static Plot? Draw(IReadOnlyList<CellResults> cells, NodeMetric metric, string title)
    {
        var known = Known(cells, metric).ToArray();
        if (known.Length == 0)
        {
            return null;
        }

        var ordered = cells.Where(c => known.Any(k => k.Cell == c)).OrderBy(c => c.Replicas).ThenBy(c => c.Policy, StringComparer.Ordinal).ToArray();
        var nodes = known.Select(k => k.Node.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var plot = ChartStyle.NewPlot(title, "Cell (replicas, policy)", metric.YLabel);
        var width = 0.8 / nodes.Length;
        var bars = new List<Bar>();
        foreach (var (cell, node, value) in known)
        {
            var n = Array.IndexOf(nodes, node.Name);
            bars.Add(new Bar
            {
                Position = Array.IndexOf(ordered, cell) + ((n - ((nodes.Length - 1) / 2.0)) * width),
                Value = value,
                Size = width * 0.92,
                FillColor = ChartStyle.Series(n, nodes.Length),
                Label = Format.Number(value),
            });
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 10;
        barPlot.ValueLabelStyle.FontName = ChartStyle.FontName;
        for (var n = 0; n < nodes.Length; n++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = nodes[n], FillColor = ChartStyle.Series(n, nodes.Length) });
        }

        plot.Axes.Bottom.SetTicks(
            [.. ordered.Select((_, i) => (double)i)],
            [.. ordered.Select(c => $"{c.Replicas} replica{(c.Replicas == 1 ? "" : "s")}\n{c.Policy}")]);
        plot.Axes.Bottom.MinimumSize = 60;
        plot.Axes.Margins(bottom: 0, top: 0.15);
        ChartStyle.Finish(plot);
        return plot;
    }

    // Nodes with a name (not the "(none)" bucket of outcomes that reached no node) and a known value.
    private static IEnumerable<(CellResults Cell, NodeResults Node, double Value)> Known(IReadOnlyList<CellResults> cells, NodeMetric metric) =>
        cells.SelectMany(c => c.Nodes.Where(n => n.Role != "unknown").Select(n => (Cell: c, Node: n, Value: metric.Value(c, n))))
            .Where(k => k.Value is not null)
            .Select(k => (k.Cell, k.Node, k.Value!.Value));
}
