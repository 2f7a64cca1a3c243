using ScottPlot;

namespace ReplicaBench.Reporting.Charts;

/// <summary>
/// Fault events on a time-series chart: one dashed vertical line per fault, at the moment it began
/// on the run's <see cref="Timeline"/> (its action's start, a few milliseconds after its scheduled
/// time; the earliest over the cells when one chart holds several), labelled along the top edge, so
/// a dip, an error burst or a lag spike can be read against what caused it. A fault that never began
/// (the run ended first) has no line: nothing happened there.
/// </summary>
internal static class FaultMarkers
{
    public static readonly Color Color = Color.FromHex("#555555");

    /// <summary>Adds the markers of every fault in <paramref name="cells"/>; returns how many.</summary>
    public static int Add(Plot plot, IEnumerable<Results.CellResults> cells)
    {
        var faults = cells.SelectMany(c => c.Faults)
            .Where(f => f.StartedAt is not null)
            .GroupBy(f => (f.At, f.Kind, f.Node))
            .Select(g => (g.Key.Kind, g.Key.Node, Began: g.Min(f => f.StartedAt!.Value)))
            .OrderBy(f => f.Began)
            .ToArray();
        foreach (var fault in faults)
        {
            var line = plot.Add.VerticalLine(fault.Began);
            line.Color = Color;
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 1.5f;
            line.Text = $"{fault.Kind} {fault.Node}";
            line.LabelOppositeAxis = true;
            line.LabelFontSize = 12;
            line.LabelFontColor = Colors.White;
            line.LabelBackgroundColor = Color;
            line.ExcludeFromLegend = true;
        }

        if (faults.Length > 0)
        {
            // Room above the data for the labels, so they sit under the title rather than on it.
            plot.Axes.Top.MinimumSize = 34;
        }

        return faults.Length;
    }

    /// <summary>The sentence a chart's caption adds when it carries markers.</summary>
    public static string Caption(int markers) =>
        markers == 0 ? "" : $" Dashed vertical lines mark the {markers} fault(s) injected, each where it began.";
}
