using ReplicaBench.Results;
using ScottPlot;

namespace ReplicaBench.Reporting.Charts;

/// <summary>
/// Where reads went: one horizontal bar per (cell, intended → served) pair; red bars are reads a
/// policy meant for one node that another (usually the primary) served — the fallbacks.
/// </summary>
internal static class RoutingChart
{
    public static RenderedChart? Create(IReadOnlyList<CellResults> cells)
    {
        var rows = cells
            .OrderBy(c => c.Replicas).ThenBy(c => c.Policy, StringComparer.Ordinal)
            .SelectMany(c => (c.Routing?.IntendedVsServed ?? []).OrderBy(r => r.Intended, StringComparer.Ordinal).ThenBy(r => r.Served, StringComparer.Ordinal).Select(r => (Cell: c, Row: r)))
            .ToArray();
        if (rows.Length == 0)
        {
            return null;
        }

        using var plot = ChartStyle.NewPlot("Where reads went: intended vs served node", "Reads (count)", "");
        var bars = new List<Bar>();
        for (var i = 0; i < rows.Length; i++)
        {
            var (_, row) = rows[i];
            bars.Add(new Bar
            {
                // Top to bottom in reading order.
                Position = rows.Length - 1 - i,
                Value = row.Reads,
                FillColor = row.IsFallback ? ChartStyle.FallbackColor : ChartStyle.AsIntendedColor,
                Label = Format.Integer(row.Reads),
                Size = 0.7,
            });
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 12;
        barPlot.ValueLabelStyle.FontName = ChartStyle.FontName;
        plot.Axes.Left.SetTicks(
            rows.Select((_, i) => (double)(rows.Length - 1 - i)).ToArray(),
            rows.Select(r => $"{r.Cell.Label}: {r.Row.Intended} → {r.Row.Served}").ToArray());
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "served where intended", FillColor = ChartStyle.AsIntendedColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "fallback: served elsewhere", FillColor = ChartStyle.FallbackColor });
        plot.Axes.Margins(left: 0, right: 0.18);
        ChartStyle.Finish(plot);
        return ChartRenderer.Render(plot, "routing", "Where reads went", "Reads per intended → served node, per cell; red bars are fallbacks.", ChartStyle.Width, 160 + (34 * rows.Length));
    }
}
