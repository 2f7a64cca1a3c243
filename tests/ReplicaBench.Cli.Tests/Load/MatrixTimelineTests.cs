using Microsoft.Extensions.Time.Testing;
using ReplicaBench.Cli.Load;

namespace ReplicaBench.Cli.Tests.Load;

/// <summary>The live view's progress and ETA on a fake clock: known plans, known elapsed times, known answers (exact to the tick).</summary>
public sealed class MatrixTimelineTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void The_eta_follows_the_plan_and_adds_the_overhead_measured_per_finished_cell()
    {
        // Two cells: the first with 5 s of extra warm-up + 2 s measured, the second 2 s; seeding 100,000 rows ≈ 2 s before the first.
        var clock = new FakeTimeProvider();
        var timeline = new MatrixTimeline([S(7), S(2)], [S(2), S(0)], plannedEnd: null, clock);

        Assert.Equal(S(11), timeline.Remaining);
        Assert.Equal(0, timeline.Fraction);

        clock.Advance(S(3)); // provisioning and seeding took 3 s, 1 s more than planned
        Assert.Equal(S(9), timeline.Remaining);
        Assert.Equal(0.25, timeline.Fraction, 9);

        timeline.CellStarted(0);
        clock.Advance(S(4));
        timeline.Interval(S(4));
        Assert.Equal(S(5), timeline.Remaining); // 3 s of cell 1, then cell 2's 2 s

        clock.Advance(S(4)); // 3 s to the cell's end, 1 s of drain
        timeline.CellFinished();
        // 11 s so far = 3 s setup + 7 s planned + 1 s overhead: that 1 s is expected again before cell 2 ends.
        Assert.Equal(S(3), timeline.Remaining);
        Assert.Equal(11.0 / 14, timeline.Fraction, 9);

        clock.Advance(S(1));
        timeline.CellStarted(1);
        clock.Advance(S(1));
        timeline.Interval(S(1));
        Assert.Equal(S(2), timeline.Remaining);

        clock.Advance(S(2));
        timeline.CellFinished();
        Assert.Equal(TimeSpan.Zero, timeline.Remaining);
        Assert.Equal(1, timeline.Fraction);
    }

    [Fact]
    public void A_second_topology_seeds_again_before_its_first_cell()
    {
        var clock = new FakeTimeProvider();
        var timeline = new MatrixTimeline([S(10), S(10)], [S(4), S(4)], plannedEnd: null, clock);

        timeline.CellStarted(0);
        clock.Advance(S(10));
        timeline.Interval(S(10));
        timeline.CellFinished();

        // No overhead yet (the cell took its plan, setup took none); the next topology's 4 s seeding and 10 s cell remain.
        Assert.Equal(S(14), timeline.Remaining);
        clock.Advance(S(3));
        Assert.Equal(S(11), timeline.Remaining);
    }

    [Fact]
    public void A_sharded_run_ends_at_its_last_cells_planned_end()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));
        var timeline = new MatrixTimeline([S(7), S(2)], [S(0), S(0)], new DateTimeOffset(2026, 12, 6, 10, 0, 30, TimeSpan.Zero), clock);

        Assert.Equal(S(30), timeline.Remaining);
        clock.Advance(S(20));
        Assert.Equal(S(10), timeline.Remaining);
        Assert.Equal(20.0 / 30, timeline.Fraction, 9);
    }

    [Fact]
    public void The_bar_line_shows_one_bar_the_share_the_eta_and_the_caption()
    {
        Assert.Equal(
            "[########......................]  25%  ETA 9s  cell 1/2 r0-primary-only: measuring",
            MatrixProgressText.Bar(0.25, S(9), "cell 1/2 r0-primary-only: measuring", unicode: false));
        Assert.Equal("[██████████████████████████████] 100%  ETA 0s  done", MatrixProgressText.Bar(1, TimeSpan.Zero, "done", unicode: true));
        Assert.Equal("3m 05s", MatrixProgressText.Eta(S(184.2)));
        Assert.Equal("1h 02m", MatrixProgressText.Eta(S(3725)));
    }
}
