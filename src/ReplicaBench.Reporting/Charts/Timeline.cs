using ReplicaBench.Results;
using ScottPlot;

namespace ReplicaBench.Reporting.Charts;

/// <summary>
/// The run's one time axis, shared by every timeline chart: seconds since the cell's measured
/// start. A per-second point at t covers (t − 1, t], a lag sample at t was taken t seconds in, a
/// fault marker at t began t seconds in. The axis runs from 0 to the end of the measured window, so
/// charts of one run line up and nothing suggests data before the window or after it.
/// </summary>
internal static class Timeline
{
    public const string AxisLabel = "Seconds since the measured start";

    public const string Caption = "Time counts from the start of the measured window; a per-second point at t covers (t − 1, t].";

    /// <summary>Sets the x axis to 0 … the latest of the cells' windows and points, ticks on whole seconds.</summary>
    public static void Apply(Plot plot, IEnumerable<CellResults> cells)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Axes.SetLimitsX(0, End(cells), plot.Axes.Bottom);
        ChartStyle.WholeSecondsOnX(plot);
    }

    /// <summary>The end of the axis: the longest measured window, or a later point (a last second that closed late); at least 1 s.</summary>
    public static double End(IEnumerable<CellResults> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var end = cells.SelectMany(c => c.TimeSeries.Select(p => p.T).Concat(c.Lag.Select(l => l.T)).Append(c.DurationSeconds)).DefaultIfEmpty(0).Max();
        return Math.Max(end, 1);
    }
}
