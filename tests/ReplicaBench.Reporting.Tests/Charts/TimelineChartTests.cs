using ReplicaBench.Reporting.Charts;
using ReplicaBench.Results;
using ScottPlot;
using ScottPlot.Plottables;

namespace ReplicaBench.Reporting.Tests.Charts;

/// <summary>
/// Every series of a cell on the run's one timeline, seconds since the measured start: a cell
/// measured for 4 s, per-second points at t = 1 … 4 (each covering the second before), lag samples
/// taken at the measured start, 2.5 s in and at the end, and a fault that began 2.004 s in.
/// </summary>
public sealed class TimelineChartTests
{
    private static readonly CellResults Cell = new()
    {
        Id = "r1-round-robin",
        Replicas = 1,
        Policy = "round-robin",
        DurationSeconds = 4,
        StaleReads = 3,
        StaleAgeMs = new AgePercentiles { P99 = 40 },
        TimeSeries = [.. new[] { 1.0, 2.0, 3.0, 4.0 }.Select(t => new CellSecond(t, 1000 + t, 0.5, 2, t == 3 ? 1 : 0, t == 2 ? 3 : 0))],
        Lag = [new ReplicaLagPoint(0, "replica1", 5, 100, 6), new ReplicaLagPoint(2.5, "replica1", 7, 200, 8), new ReplicaLagPoint(4, "replica1", 9, 300, 10)],
        Faults =
        [
            new FaultResult { Kind = "replica-kill", Node = "replica1", At = 2, StartedAt = 2.004 },
            new FaultResult { Kind = "replica-restart", Node = "replica1", At = 30 },
        ],
    };

    [Fact]
    public void The_staleness_timeline_draws_lag_where_it_was_sampled_and_stale_reads_at_their_seconds_on_an_axis_from_0()
    {
        using var plot = StalenessChart.Draw(Cell, out var markers);

        Assert.Equal([0, 2.5, 4], Xs(plot, "replica1 server replay lag"));
        Assert.Equal([0, 2.5, 4], Xs(plot, "replica1 server replay age"));
        Assert.Equal([1, 2, 3, 4], Xs(plot, "stale reads per second (right axis)"));
        AssertAxisAfterRendering(plot, 0, 4);
        Assert.Equal(1, markers);
    }

    [Fact]
    public void The_per_second_series_and_the_fault_that_began_share_the_axis_from_0()
    {
        using var plot = TimeSeriesChart.Draw([Cell], "Throughput over time", "ops/s", p => p.Throughput, out var errorSeconds, out var faults);

        Assert.Equal([1, 2, 3, 4], Xs(plot, Cell.Label));
        Assert.Equal(1, errorSeconds);
        // Drawn where it began, not at its scheduled 2 s; the restart never began (the run ended first), so it has no line.
        Assert.Equal(1, faults);
        Assert.Equal(2.004, Assert.Single(plot.GetPlottables().OfType<VerticalLine>()).X, 9);
        AssertAxisAfterRendering(plot, 0, 4);
    }

    [Fact]
    public void A_last_second_that_closed_after_the_planned_end_widens_the_axis_to_it()
    {
        var late = Cell with { DurationSeconds = 4.001, TimeSeries = [.. Cell.TimeSeries.SkipLast(1), new CellSecond(4.006, 1000, 0.5, 2, 0, 0)] };

        Assert.Equal(4.006, Timeline.End([late]), 9);
    }

    private static double[] Xs(Plot plot, string legend) =>
        [.. plot.GetPlottables().OfType<Scatter>().Single(s => s.LegendText == legend).Data.GetScatterPoints().Select(p => p.X)];

    private static void AssertAxisAfterRendering(Plot plot, double min, double max)
    {
        plot.GetImageBytes(400, 300, ImageFormat.Png);
        Assert.Equal(min, plot.Axes.Bottom.Min, 9);
        Assert.Equal(max, plot.Axes.Bottom.Max, 9);
    }
}
