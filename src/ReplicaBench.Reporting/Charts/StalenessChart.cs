using System.Globalization;
using ReplicaBench.Results;
using ScottPlot;

namespace ReplicaBench.Reporting.Charts;

/// <summary>
/// One timeline per cell with both sides of staleness: what the server says (replay lag from
/// pg_stat_replication, replay age now() − pg_last_xact_replay_timestamp()) and what clients saw
/// (visibility-probe p50 per replica, stale-read age p99, stale reads per second on the right axis).
/// When they disagree, the client side is the one the application lives with. Everything is on
/// the cell's one timeline (<see cref="Timeline"/>); a cell with nothing to draw gets a sentence
/// (<see cref="Omitted"/>) instead of an empty chart.
/// </summary>
internal static class StalenessChart
{
    public static IEnumerable<RenderedChart> Create(IReadOnlyList<CellResults> cells)
    {
        foreach (var cell in cells.Where(HasData))
        {
            using var plot = Draw(cell, out var markers);
            var caption = "Solid: server-reported replay lag (pg_stat_replication.replay_lag); dotted: replay age " +
                "(now() − pg_last_xact_replay_timestamp(), the RDS ReplicaLag formula — it grows on an idle primary, so it overstates staleness when no writes arrive); " +
                "dashed: client-observed visibility delay and stale-read age. " + Timeline.Caption + FaultMarkers.Caption(markers);
            yield return ChartRenderer.Render(plot, "staleness-" + cell.Id, $"Staleness timeline: {cell.Label}", caption, ChartStyle.Width, 620);
        }
    }

    /// <summary>One sentence per cell whose staleness timeline is left out for want of data, saying why.</summary>
    public static IEnumerable<string> Omitted(IReadOnlyList<CellResults> cells) =>
        cells.Where(c => !HasData(c)).Select(c => c.Replicas == 0
            ? $"No staleness timeline for {c.Label}: without a replica there is no replication lag, visibility delay or stale read to draw."
            : $"No staleness timeline for {c.Label}: the cell recorded no server lag, no visibility probe and no stale read.");

    /// <summary>True when the cell has a lag sample, a visibility figure or a stale read to draw.</summary>
    public static bool HasData(CellResults cell) =>
        cell.Lag.Any(l => l.ReplayLagMs is not null || l.ReplayAgeMs is not null)
        || cell.Visibility.Any(v => v.P50Ms is not null)
        || cell.StaleReads > 0;

    /// <summary>The cell's plot, before rendering (tests read its axes and series).</summary>
    internal static Plot Draw(CellResults cell, out int faultMarkers)
    {
        var plot = ChartStyle.NewPlot($"Staleness: {cell.Label}", Timeline.AxisLabel, "Delay (ms)");
        var replicas = cell.Lag.Select(l => l.Replica).Concat(cell.Visibility.Select(v => v.Replica)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        for (var r = 0; r < replicas.Length; r++)
        {
            var color = ChartStyle.Series(r, replicas.Length);
            var samples = cell.Lag.Where(l => l.Replica == replicas[r]).OrderBy(l => l.T).ToArray();
            AddLine(plot, samples.Where(s => s.ReplayLagMs is not null).Select(s => (s.T, s.ReplayLagMs!.Value)), $"{replicas[r]} server replay lag", color, LinePattern.Solid);
            AddLine(plot, samples.Where(s => s.ReplayAgeMs is not null).Select(s => (s.T, s.ReplayAgeMs!.Value)), $"{replicas[r]} server replay age", color, LinePattern.Dotted);
            var visibility = cell.Visibility.FirstOrDefault(v => v.Replica == replicas[r]);
            if (visibility?.P50Ms is { } p50)
            {
                var line = plot.Add.HorizontalLine(p50);
                line.Color = color;
                line.LinePattern = LinePattern.Dashed;
                line.LineWidth = 2;
                line.LegendText = $"{replicas[r]} client visibility p50 ({Format.Ms(p50)})";
            }
        }

        if (cell.StaleReads > 0 && cell.StaleAgeMs?.P99 is { } staleAge)
        {
            var line = plot.Add.HorizontalLine(staleAge);
            line.Color = Colors.Black;
            line.LinePattern = LinePattern.DenselyDashed;
            line.LineWidth = 2;
            line.LegendText = $"client stale-read age p99 ({Format.Ms(staleAge)})";
        }

        var staleSeconds = cell.TimeSeries.Where(p => p.StaleReads > 0).ToArray();
        if (staleSeconds.Length > 0)
        {
            var stale = plot.Add.Scatter(cell.TimeSeries.OrderBy(p => p.T).Select(p => p.T).ToArray(), cell.TimeSeries.OrderBy(p => p.T).Select(p => (double)p.StaleReads).ToArray());
            stale.Axes.YAxis = plot.Axes.Right;
            stale.Color = ChartStyle.ErrorColor.WithAlpha(0.7);
            stale.LineWidth = 1;
            stale.MarkerSize = 4;
            stale.LegendText = "stale reads per second (right axis)";
            plot.Axes.Right.Label.Text = "Stale reads per second";
            plot.Axes.Right.Label.FontSize = 15;
        }

        // Delays and counts start at zero: a zoomed axis would make a 1 ms wobble look like a spike.
        var leftMax = cell.Lag.SelectMany(l => new[] { l.ReplayLagMs ?? 0, l.ReplayAgeMs ?? 0 })
            .Concat(cell.Visibility.Select(v => v.P50Ms ?? 0))
            .Append(cell.StaleReads > 0 ? cell.StaleAgeMs?.P99 ?? 0 : 0)
            .Max();
        plot.Axes.SetLimitsY(0, Math.Max(leftMax, 1) * 1.08, plot.Axes.Left);
        if (staleSeconds.Length > 0)
        {
            plot.Axes.SetLimitsY(0, cell.TimeSeries.Max(p => p.StaleReads) * 1.1, plot.Axes.Right);
        }

        faultMarkers = FaultMarkers.Add(plot, [cell]);
        Timeline.Apply(plot, [cell]);
        ChartStyle.Finish(plot);
        return plot;
    }

    private static void AddLine(Plot plot, IEnumerable<(double T, double Value)> points, string legend, Color color, LinePattern pattern)
    {
        var array = points.ToArray();
        if (array.Length == 0)
        {
            return;
        }

        var line = plot.Add.Scatter(array.Select(p => p.T).ToArray(), array.Select(p => p.Value).ToArray());
        line.Color = color;
        line.LinePattern = pattern;
        line.LineWidth = 2;
        line.MarkerSize = array.Length == 1 ? 6 : 0;
        line.LegendText = legend.ToString(CultureInfo.InvariantCulture);
    }
}
