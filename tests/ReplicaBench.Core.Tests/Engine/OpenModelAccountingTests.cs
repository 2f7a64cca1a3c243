using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Tests.Engine;

/// <summary>
/// The open model's books: arrivals scheduled in the measured window = started + dropped, exactly,
/// and a run that dropped arrivals fails unless a <c>dropped</c> threshold allows them.
/// </summary>
public sealed class OpenModelAccountingTests
{
    [Fact]
    public async Task An_even_schedule_with_enough_users_starts_every_arrival_of_the_window_on_time()
    {
        // 100/s for 1 s after a 0.5 s warm-up, 45 ms per operation, five users (capacity 111/s):
        // arrivals are due at 0, 10, ..., 1490 ms; the 100 due from 500 ms on are the window's.
        var result = await RunAsync(virtualUsers: 5, operation: TimeSpan.FromMilliseconds(45), maxLateness: null, warmUp: TimeSpan.FromMilliseconds(500));

        var arrivals = result.Arrivals!;
        Assert.Equal(100, arrivals.Scheduled);                 // rate × duration, exact for even arrivals
        Assert.Equal(100, arrivals.Started);
        Assert.Equal(0, arrivals.Dropped);
        Assert.Equal(0, arrivals.Late);
        Assert.Equal(100, arrivals.AchievedRate, 6);
        Assert.Equal(0, arrivals.ScheduleLag.P99);             // the fake clock has no pacing error
        Assert.Equal(0, arrivals.ScheduleLag.Max);
        Assert.Equal(0.0, arrivals.ScheduleLagMaxMs);

        // Operations count where they complete: the four due at 460..490 ms finish after the
        // warm-up, so the window completed 104 operations while its schedule drew 100 arrivals.
        Assert.Equal(104, result.Total.Completed);
        Assert.Null(result.UnallowedDrops);
        Assert.True(result.Passed);
    }

    [Fact]
    public async Task Two_users_for_operations_three_gaps_long_drop_every_third_arrival_and_the_run_fails()
    {
        // An arrival every 10 ms, 30 ms per operation, two users, no waiting (max lateness 0): user A
        // takes arrivals 0, 3, 6, ..., 99, user B 1, 4, ..., 97; arrivals 2, 5, ..., 98 find both busy.
        var result = await RunAsync(virtualUsers: 2, operation: TimeSpan.FromMilliseconds(30), maxLateness: TimeSpan.Zero);

        var arrivals = result.Arrivals!;
        Assert.Equal(100, arrivals.Scheduled);
        Assert.Equal(67, arrivals.Started);
        Assert.Equal(33, arrivals.Dropped);
        Assert.Equal(0, arrivals.DroppedAtStop);
        Assert.Equal(0.33, arrivals.DroppedShare!.Value, 9);
        Assert.True(result.ThresholdsPassed);                   // there are none...
        Assert.False(result.Passed);                            // ...and the drops fail the run all the same
        Assert.Equal(new DroppedArrivalsBreach(33, 100, 2), result.UnallowedDrops);
        Assert.Equal(
            "dropped arrivals in r0-primary-only: 33 of 100 scheduled (33%) could not start: --max-vus 2 reached; raise --max-vus or lower --rate (or allow drops with --threshold 'dropped<1%').",
            result.UnallowedDrops!.Describe("r0-primary-only"));
    }

    [Theory]
    [InlineData("dropped<50%", true, "dropped<50%: measured 33%, limit < 50%: met")]
    [InlineData("dropped<=33", true, "dropped<=33: measured 33, limit <= 33: met")]
    [InlineData("dropped<10%", false, "dropped<10%: measured 33%, limit < 10%: breached")]
    public async Task A_dropped_threshold_decides_instead(string threshold, bool passed, string message)
    {
        var result = await RunAsync(virtualUsers: 2, operation: TimeSpan.FromMilliseconds(30), maxLateness: TimeSpan.Zero, threshold: threshold);

        Assert.Equal(33, result.Arrivals!.Dropped);
        Assert.Null(result.UnallowedDrops);
        Assert.Equal(passed, result.Passed);
        Assert.Equal(message, Assert.Single(result.Thresholds).Message);
    }

    [Fact]
    public async Task Operations_cancelled_or_abandoned_at_the_stop_still_count_as_started()
    {
        // Two users whose operations never end: the arrivals at 0 and 10 ms start; the other 48 of
        // the 50 due in 500 ms wait until the end. At the stop user 0 honours the cancellation and
        // user 1 ignores it (abandoned, so it never records): both arrivals started all the same.
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario("stuck", context =>
        {
            var op = context.Operation("stuck");
            return new ScriptedUser(ct => FakeClockRun.Takes(
                clock, TimeSpan.FromHours(1), LoadOutcome.Success(op), context.Index == 0 ? ct : CancellationToken.None));
        })
        .WithLoad(LoadShape.Open(RateProfile.Constant(100), virtualUsers: 2, ArrivalPattern.Even))
        .WithDuration(TimeSpan.FromMilliseconds(500))
        .WithGracefulStop(TimeSpan.FromMilliseconds(100));

        var result = await FakeClockRun.RunAsync(scenario, clock);

        Assert.Equal((1L, 1L), (result.CancelledAtStop, result.AbandonedOperations));
        var arrivals = result.Arrivals!;
        Assert.Equal((50L, 2L, 48L, 48L), (arrivals.Scheduled, arrivals.Started, arrivals.Dropped, arrivals.DroppedAtStop));
        Assert.Equal(2, arrivals.ScheduleLagHistogram.TotalCount);
        Assert.Equal(0, arrivals.ScheduleLag.Max);
    }

    private static async Task<LoadRunResult> RunAsync(int virtualUsers, TimeSpan operation, TimeSpan? maxLateness, TimeSpan? warmUp = null, string? threshold = null)
    {
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario("read", context =>
        {
            var op = context.Operation("read");
            return new ScriptedUser(ct => FakeClockRun.Takes(clock, operation, LoadOutcome.Success(op), ct));
        })
        .WithLoad(LoadShape.Open(RateProfile.Constant(100), virtualUsers, ArrivalPattern.Even, maxLateness))
        .WithWarmUp(warmUp ?? TimeSpan.Zero)
        .WithDuration(TimeSpan.FromSeconds(1))
        .WithThresholds(threshold is null ? [] : [threshold]);

        return await FakeClockRun.RunAsync(scenario, clock);
    }
}
