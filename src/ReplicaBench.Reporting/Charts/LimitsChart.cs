using ReplicaBench.Results;
using ScottPlot;

namespace ReplicaBench.Reporting.Charts;

/// <summary>
/// A <c>limits</c> run's two charts against the write rate asked for: each replica's lag (mean solid,
/// p99 dashed), and its slope in ms of lag per second with the 10 ms/s floor of the falling-behind
/// test. On both, a dotted vertical line marks each replica's knee, its sustainable write rate (the
/// highest step it kept up at), and a red cross each step at which the test found it falling behind.
/// </summary>
internal static class LimitsChart
{
    public static IReadOnlyList<RenderedChart> Create(LimitsResults? limits, string? emulation = null)
    {
        if (limits is null || !limits.Steps.Any(s => s.Replicas.Count > 0))
        {
            return [];
        }

        return
        [
            Lag(limits, EmulationLabel.Title("Replica lag against write rate", emulation)),
            Slope(limits, EmulationLabel.Title("Lag slope against write rate", emulation)),
        ];
    }

    private static RenderedChart Lag(LimitsResults limits, string title)
    {
        using var plot = ChartStyle.NewPlot(title, "Write rate asked for (writes/s)", "Replay lag over the step (ms)");
        var replicas = Replicas(limits);
        for (var i = 0; i < replicas.Count; i++)
        {
            var color = ChartStyle.Series(i, replicas.Count);
            Line(plot, limits, replicas[i], t => t.LagMeanMs, $"{replicas[i]} mean", color, LinePattern.Solid);
            Line(plot, limits, replicas[i], t => t.LagP99Ms, $"{replicas[i]} p99", color, LinePattern.Dashed);
            Behind(plot, limits, replicas[i], t => t.LagMeanMs, first: i == 0);
        }

        var knees = Knees(plot, limits, replicas);
        ChartStyle.Finish(plot);
        return ChartRenderer.Render(plot, "limits-lag", title, $"One colour per replica: its lag's mean (solid) and p99 (dashed) at each write rate. {KneeCaption(knees)}");
    }

    private static RenderedChart Slope(LimitsResults limits, string title)
    {
        using var plot = ChartStyle.NewPlot(title, "Write rate asked for (writes/s)", "Lag slope (ms of lag per second)");
        var replicas = Replicas(limits);
        for (var i = 0; i < replicas.Count; i++)
        {
            Line(plot, limits, replicas[i], t => t.LagSlopeMsPerSecond, replicas[i], ChartStyle.Series(i, replicas.Count), LinePattern.Solid);
            Behind(plot, limits, replicas[i], t => t.LagSlopeMsPerSecond, first: i == 0);
        }

        var floor = plot.Add.HorizontalLine(Measurement.LagTrendFloor);
        floor.Color = Colors.Gray;
        floor.LinePattern = LinePattern.Dashed;
        floor.LegendText = "10 ms/s: the least slope that counts as falling behind";
        var knees = Knees(plot, limits, replicas);
        ChartStyle.Finish(plot);
        return ChartRenderer.Render(
            plot,
            "limits-slope",
            title,
            $"One line per replica: the least-squares slope of its lag over each step; above 0 its lag grew. A step counts as falling behind when the slope is significantly positive and at least 10 ms/s (grey dashed line). {KneeCaption(knees)}");
    }

    private static void Line(Plot plot, LimitsResults limits, string replica, Func<ReplicaLagTrend, double> value, string legend, Color color, LinePattern pattern)
    {
        var steps = limits.Steps.Where(s => s.Replicas.ContainsKey(replica)).ToArray();
        var line = plot.Add.Scatter(steps.Select(s => s.Rate).ToArray(), steps.Select(s => value(s.Replicas[replica])).ToArray());
        line.LegendText = legend;
        line.Color = color;
        line.LineWidth = 2;
        line.LinePattern = pattern;
        line.MarkerSize = 7;
    }

    private static void Behind(Plot plot, LimitsResults limits, string replica, Func<ReplicaLagTrend, double> value, bool first)
    {
        var behind = limits.Steps.Where(s => s.Replicas.TryGetValue(replica, out var t) && t.FallingBehind).ToArray();
        if (behind.Length == 0)
        {
            return;
        }

        var markers = plot.Add.Markers(behind.Select(s => s.Rate).ToArray(), behind.Select(s => value(s.Replicas[replica])).ToArray());
        markers.MarkerStyle.Shape = MarkerShape.Eks;
        markers.MarkerStyle.Size = 14;
        markers.MarkerStyle.LineWidth = 2.5f;
        markers.Color = ChartStyle.ErrorColor;
        // One legend entry for all replicas' crosses: an empty text leaves the others out of the legend.
        markers.LegendText = first ? "falling behind" : "";
    }

    // One dotted line per replica with a sustainable rate, labelled along the top.
    private static int Knees(Plot plot, LimitsResults limits, IReadOnlyList<string> replicas)
    {
        var drawn = 0;
        for (var i = 0; i < replicas.Count; i++)
        {
            if (limits.SustainableWriteRate.GetValueOrDefault(replicas[i]) is not { } rate)
            {
                continue;
            }

            var line = plot.Add.VerticalLine(rate);
            line.Color = ChartStyle.Series(i, replicas.Count);
            line.LinePattern = LinePattern.Dotted;
            line.LineWidth = 2;
            line.Text = $"{replicas[i]} keeps up to {Format.TwoSignificant(rate)}";
            line.LabelOppositeAxis = true;
            line.LabelFontSize = 12;
            line.LabelFontColor = Colors.White;
            line.LabelBackgroundColor = line.Color;
            line.ExcludeFromLegend = true;
            drawn++;
        }

        if (drawn > 0)
        {
            // Room above the data for the labels, and right of the top step for a knee drawn there.
            plot.Axes.Top.MinimumSize = 34;
            plot.Axes.Margins(left: 0.05, right: 0.15);
        }

        return drawn;
    }

    private static string KneeCaption(int knees) => knees == 0
        ? "No replica kept up at the lowest step, so no knee is marked."
        : "A dotted vertical line marks each replica's knee: the highest write rate it kept up at (its sustainable rate); a red cross, each step at which it fell behind.";

    private static List<string> Replicas(LimitsResults limits) =>
        [.. limits.Steps.SelectMany(s => s.Replicas.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static class Measurement
    {
        // LagTrend.MinimumSlopeMsPerSecond in the core library, which Reporting does not reference (it reads results.json only).
        public const double LagTrendFloor = 10;
    }
}
