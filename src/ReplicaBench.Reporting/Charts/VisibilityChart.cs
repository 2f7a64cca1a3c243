using ReplicaBench.Results;
using ScottPlot;

namespace ReplicaBench.Reporting.Charts;

/// <summary>The t-visibility curve per replica (see <see cref="VisibilityCurve"/>), as steps.</summary>
internal static class VisibilityChart
{
    public static RenderedChart? Create(IReadOnlyList<CellResults> cells)
    {
        var curves = VisibilityCurve.Build(cells);
        if (curves.Count == 0)
        {
            return null;
        }

        using var plot = ChartStyle.NewPlot("t-visibility: P(read t ms after a write sees it)", "Time since the write was acknowledged (ms)", "Probability the read sees the write");
        var i = 0;
        foreach (var (replica, curve) in curves)
        {
            var line = plot.Add.Scatter(curve.Select(p => p.Ms).ToArray(), curve.Select(p => p.Probability).ToArray());
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.Color = ChartStyle.Series(i++, curves.Count);
            line.LineWidth = 2.5f;
            line.MarkerSize = 0;
            line.LegendText = replica;
        }

        plot.Axes.SetLimitsY(0, 1.05);
        plot.Axes.Margins(left: 0);
        ChartStyle.Finish(plot);
        return ChartRenderer.Render(
            plot,
            "t-visibility",
            "t-visibility per replica",
            "Empirical probability that a read issued t ms after a write's commit acknowledgement on the primary sees it, per replica, " +
            "from the visibility probe's histograms — the t-visibility of Bailis et al., \"Probabilistically Bounded Staleness for Practical Partial Quorums\", VLDB 2012.");
    }
}
