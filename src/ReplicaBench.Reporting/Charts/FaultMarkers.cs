using ScottPlot;

namespace ReplicaBench.Reporting.Charts;

/// <summary>
/// Fault events on a time-series chart: one dashed vertical line per fault, at its scheduled time
/// (the same in every cell of a run), labelled along the top edge, so a dip, an error burst or a
/// lag spike can be read against what caused it.
/// </summary>
internal static class FaultMarkers
{
    public static readonly Color Color = Color.FromHex("#555555");

    /// <summary>Adds the markers of every fault in <paramref name="cells"/>; returns how many.</summary>
    public static int Add(Plot plot, IEnumerable<Results.CellResults> cells)
    {
        var faults = cells.SelectMany(c => c.Faults)
            .GroupBy(f => (f.At, f.Kind, f.Node))
            .Select(g => g.First())
            .OrderBy(f => f.At)
            .ToArray();
        foreach (var fault in faults)
        {
            var line = plot.Add.VerticalLine(fault.At);
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
        markers == 0 ? "" : $" Dashed vertical lines mark the {markers} fault(s) injected (scheduled time, seconds into the measured window).";
}
