using ReplicaBench.Results;
using ScottPlot;

namespace ReplicaBench.Reporting.Charts;

/// <summary>Latency percentiles p50/p95/p99/p99.9 per cell: the tail is where replicas and routing show their cost.</summary>
internal static class LatencyPercentilesChart
{
    private static readonly (string Name, Func<LatencyPercentiles, double?> Value)[] Percentiles =
    [
        ("p50", l => l.P50),
        ("p95", l => l.P95),
        ("p99", l => l.P99),
        ("p99.9", l => l.P999),
    ];

    public static RenderedChart? Create(IReadOnlyList<CellResults> cells, string? emulation = null)
    {
        var measured = cells.Where(c => c.LatencyMs is not null).OrderBy(c => c.Replicas).ThenBy(c => c.Policy, StringComparer.Ordinal).ToArray();
        if (measured.Length == 0)
        {
            return null;
        }

        using var plot = ChartStyle.NewPlot(EmulationLabel.Title("Latency percentiles by topology and policy", emulation), "Cell (replicas, policy)", "Latency (ms)");
        var width = 0.8 / Percentiles.Length;
        var bars = new List<Bar>();
        for (var c = 0; c < measured.Length; c++)
        {
            for (var p = 0; p < Percentiles.Length; p++)
            {
                if (Percentiles[p].Value(measured[c].LatencyMs!) is not { } value)
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = c + ((p - ((Percentiles.Length - 1) / 2.0)) * width),
                    Value = value,
                    Size = width * 0.92,
                    FillColor = ChartStyle.Series(p, Percentiles.Length),
                    Label = Format.Number(value),
                });
            }
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 10;
        barPlot.ValueLabelStyle.FontName = ChartStyle.FontName;
        for (var p = 0; p < Percentiles.Length; p++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = Percentiles[p].Name, FillColor = ChartStyle.Series(p, Percentiles.Length) });
        }

        plot.Axes.Bottom.SetTicks(
            measured.Select((_, i) => (double)i).ToArray(),
            measured.Select(c => $"{c.Replicas} replica{(c.Replicas == 1 ? "" : "s")}\n{c.Policy}").ToArray());
        plot.Axes.Bottom.MinimumSize = 60;
        plot.Axes.Margins(bottom: 0, top: 0.15);
        ChartStyle.Finish(plot);
        return ChartRenderer.Render(plot, "latency-percentiles", EmulationLabel.Title("Latency percentiles", emulation), "Per cell, p50/p95/p99/p99.9 of all operations in the measured window (ms).");
    }
}
