using System.Globalization;
using ReplicaBench.Results;
using ScottPlot;

namespace ReplicaBench.Reporting.Charts;

/// <summary>
/// Throughput by topology and policy: groups are replica counts (so scaling reads left to right),
/// bars within a group are policies, each labelled with its change against the smallest topology's
/// primary-only (or first) cell.
/// </summary>
internal static class ThroughputChart
{
    public static RenderedChart? Create(IReadOnlyList<CellResults> cells, string? emulation = null)
    {
        if (cells.Count == 0)
        {
            return null;
        }

        var topologies = cells.Select(c => c.Replicas).Distinct().Order().ToArray();
        var policies = cells.Select(c => c.Policy).Distinct(StringComparer.Ordinal).ToArray();
        var baseline = ReportBaseline.Find(cells);
        using var plot = ChartStyle.NewPlot(EmulationLabel.Title("Throughput by topology and policy", emulation), "Topology (number of replicas)", "Successful operations per second (ops/s)");
        var width = 0.8 / policies.Length;
        var bars = new List<Bar>();
        for (var g = 0; g < topologies.Length; g++)
        {
            // Only the policies measured at this topology take a slot, so a group has no holes.
            var present = policies.Where(p => cells.Any(c => c.Replicas == topologies[g] && c.Policy == p)).ToArray();
            for (var slot = 0; slot < present.Length; slot++)
            {
                var p = Array.IndexOf(policies, present[slot]);
                var cell = cells.First(c => c.Replicas == topologies[g] && c.Policy == policies[p]);

                var change = baseline is null || baseline == cell || baseline.Throughput <= 0
                    ? ""
                    : $"\n{Format.SignedPercent((cell.Throughput / baseline.Throughput) - 1)}";
                bars.Add(new Bar
                {
                    Position = g + ((slot - ((present.Length - 1) / 2.0)) * width),
                    Value = cell.Throughput,
                    Size = width * 0.92,
                    FillColor = ChartStyle.Series(p, policies.Length),
                    Label = Format.Number(cell.Throughput) + change,
                });
            }
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 11;
        barPlot.ValueLabelStyle.FontName = ChartStyle.FontName;
        for (var p = 0; p < policies.Length; p++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = policies[p], FillColor = ChartStyle.Series(p, policies.Length) });
        }

        plot.Axes.Bottom.SetTicks(
            topologies.Select(t => (double)t).Select((_, i) => (double)i).ToArray(),
            topologies.Select(t => t.ToString(CultureInfo.InvariantCulture) + (t == 1 ? " replica" : " replicas")).ToArray());
        plot.Axes.Margins(bottom: 0, top: 0.2);
        ChartStyle.Finish(plot);
        var caption = baseline is null
            ? "Bars are labelled with their throughput."
            : $"Bars are labelled with throughput and the change against {baseline.Label}.";
        return ChartRenderer.Render(plot, "throughput", EmulationLabel.Title("Throughput by topology and policy", emulation), caption);
    }
}
