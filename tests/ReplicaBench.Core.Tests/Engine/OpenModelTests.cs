using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Tests.Engine;

public sealed class OpenModelTests
{
    private static readonly TimeSpan Service = TimeSpan.FromMilliseconds(45);

    [Fact]
    public async Task Latency_counts_from_the_scheduled_start_so_queueing_behind_a_slow_operation_is_measured()
    {
        // 100 arrivals/s, one virtual user, 45 ms per operation: the user serves ~22/s, so every
        // arrival after the first waits. A closed-loop tool would report 45 ms for all of them.
        var (result, _) = await RunAsync(virtualUsers: 1, maxLateness: Timeout.InfiniteTimeSpan);
        var expected = Simulate(virtualUsers: 1, maxLatenessMs: double.PositiveInfinity);

        QueueReference.AssertSameHistogram(expected.LatenciesMs, result.Total.LatencyHistogram);
        Assert.Equal(23, result.Total.Succeeded);                    // starts at 0, 45, ..., 990 ms
        Assert.Equal(Reported.Milliseconds((35 * 22) + 45), result.Total.Latency.Max); // 35k + 45 ms for arrival k
        var arrivals = result.Arrivals!;
        Assert.Equal(expected.Late, arrivals.Late);
        Assert.Equal(22, arrivals.Late);                             // arrivals 1..22 start 35k ms late
        Assert.Equal(100, arrivals.Scheduled);
        Assert.Equal(23, arrivals.Started);
        Assert.Equal(77, arrivals.Dropped);                          // never dropped for lateness: all 77 still waited at the end
        Assert.Equal(77, arrivals.DroppedAtStop);
        Assert.Equal(100, arrivals.TargetRate, 6);
        Assert.Equal(23, arrivals.AchievedRate, 6);
        Assert.Equal(Reported.Milliseconds(35 * 22), arrivals.ScheduleLag.Max);
        QueueReference.AssertSameHistogram(expected.LagsMs, arrivals.ScheduleLagHistogram);
    }

    [Fact]
    public async Task Arrivals_that_waited_longer_than_the_max_lateness_are_dropped_not_run()
    {
        var (result, _) = await RunAsync(virtualUsers: 1, maxLateness: TimeSpan.FromMilliseconds(200));
        var expected = Simulate(virtualUsers: 1, maxLatenessMs: 200);

        QueueReference.AssertSameHistogram(expected.LatenciesMs, result.Total.LatencyHistogram);
        var arrivals = result.Arrivals!;
        Assert.Equal((23, 57, 20), (expected.Started, expected.DroppedLate, expected.DroppedAtStop));
        Assert.Equal(expected.Late, arrivals.Late);
        Assert.Equal(23, arrivals.Started);
        Assert.Equal(77, arrivals.Dropped);
        Assert.Equal(20, arrivals.DroppedAtStop);
        Assert.Equal(arrivals.Scheduled, arrivals.Started + arrivals.Dropped);

        // The series counts a drop when it happens: the 57 given up for lateness, not the 20 left at the stop.
        Assert.Equal(57, result.TimeSeries.Sum(p => p.Dropped));
    }

    [Fact]
    public async Task With_max_lateness_zero_an_arrival_that_finds_no_free_user_is_dropped_at_once()
    {
        var (result, _) = await RunAsync(virtualUsers: 2, maxLateness: TimeSpan.Zero);
        var expected = Simulate(virtualUsers: 2, maxLatenessMs: 0);

        Assert.Equal(0, result.Arrivals!.Late);
        Assert.Equal(0, result.Arrivals.ScheduleLag.Max);
        Assert.Equal(expected.Dropped, result.Arrivals.Dropped);
        Assert.Equal(60, result.Arrivals.Dropped);                    // of every five arrivals two start: 40 of 100
        Assert.Equal(expected.LatenciesMs.Count, result.Total.Completed);
        Assert.Equal(Reported.Milliseconds(45), result.Total.Latency.Max);
    }

    [Fact]
    public async Task A_pool_large_enough_keeps_the_schedule_exactly()
    {
        // Five users serve 5 / 45 ms = 111 operations/s, above the 100/s offered.
        var (result, users) = await RunAsync(virtualUsers: 5, maxLateness: Timeout.InfiniteTimeSpan);

        Assert.Equal(100, result.Total.Succeeded);
        Assert.Equal(0, result.Arrivals!.Late);
        Assert.Equal(0, result.Arrivals.Dropped);
        Assert.Equal(100, result.Arrivals.Started);
        Assert.Equal(100, result.Arrivals.AchievedRate, 6);
        Assert.Equal(Reported.Milliseconds(45), result.Total.Latency.P50);
        Assert.Equal(Reported.Milliseconds(45), result.Total.Latency.Max);
        Assert.Equal(0, result.Arrivals.ScheduleLag.Max);
        Assert.Equal(100, result.VirtualUsers.Operations.Sum());
        Assert.All(users, u => Assert.Equal(1, u.Disposed));
    }

    [Fact]
    public async Task The_series_shows_arrivals_late_ones_and_throughput_per_interval()
    {
        var (result, _) = await RunAsync(virtualUsers: 1, maxLateness: Timeout.InfiniteTimeSpan, interval: TimeSpan.FromMilliseconds(250));

        Assert.Equal(4, result.TimeSeries.Count);
        Assert.Equal([25L, 25L, 25L, 25L], result.TimeSeries.Select(p => p.Scheduled));
        Assert.Equal(result.Total.Succeeded, result.TimeSeries.Sum(p => p.Succeeded));
        Assert.Equal(result.Arrivals!.Started, result.TimeSeries.Sum(p => p.Started));
        Assert.Equal(result.Arrivals.Late, result.TimeSeries.Sum(p => p.Late));

        // Arrival k starts at 45k ms, 35k ms late: the last interval records arrivals 16..22, the last 770 ms late.
        Assert.Equal(Reported.Milliseconds(35 * 22), result.TimeSeries[^1].ScheduleLag.Max);
    }

    private static async Task<(LoadRunResult Result, List<ScriptedUser> Users)> RunAsync(int virtualUsers, TimeSpan maxLateness, TimeSpan? interval = null)
    {
        var clock = FakeClockRun.NewClock();
        var users = new List<ScriptedUser>();
        var scenario = FakeClockRun.Scenario("slow-read", context =>
        {
            var op = context.Operation("slow-read");
            var user = new ScriptedUser(ct => FakeClockRun.Takes(clock, Service, LoadOutcome.Success(op), ct));
            users.Add(user);
            return user;
        })
        .WithLoad(LoadShape.Open(RateProfile.Constant(100), virtualUsers, ArrivalPattern.Even, maxLateness))
        .WithDuration(TimeSpan.FromSeconds(1));

        var result = await FakeClockRun.RunAsync(scenario, clock, new LoadRunOptions { ReportInterval = interval ?? TimeSpan.FromSeconds(1) });
        return (result, users);
    }

    /// <summary>The reference for these runs: an arrival every 10 ms for 1 s, 45 ms per operation.</summary>
    private static QueueReference.Outcome Simulate(int virtualUsers, double maxLatenessMs) =>
        QueueReference.Run(virtualUsers, arrivals: 100, gapMs: 10, _ => Service.TotalMilliseconds, maxLatenessMs, endMs: 1000);
}
