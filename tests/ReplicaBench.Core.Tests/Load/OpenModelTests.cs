using HdrHistogram;
using ReplicaBench.Load;
using ReplicaBench.Load.Results;

namespace ReplicaBench.Tests.Load;

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

        AssertLatencies(expected.LatenciesMs, result.Total.LatencyHistogram);
        Assert.Equal(23, result.Total.Succeeded);                    // starts at 0, 45, ..., 990 ms
        Assert.Equal(Reported.Milliseconds((35 * 22) + 45), result.Total.Latency.Max); // 35k + 45 ms for arrival k
        Assert.Equal(expected.Late, result.Arrivals!.Late);
        Assert.Equal(22, result.Arrivals.Late);
        Assert.Equal(0, result.Arrivals.Dropped);
        Assert.Equal(100, result.Arrivals.Scheduled);
        Assert.Equal(77, result.Arrivals.Unstarted);
        Assert.Equal(100, result.Arrivals.TargetRate, 6);
        Assert.Equal(23, result.Arrivals.AchievedRate, 6);
        Assert.Equal(Reported.Milliseconds(35 * 22), result.Arrivals.ScheduleLag.Max);
    }

    [Fact]
    public async Task Arrivals_that_waited_longer_than_the_max_lateness_are_dropped_not_run()
    {
        var (result, _) = await RunAsync(virtualUsers: 1, maxLateness: TimeSpan.FromMilliseconds(200));
        var expected = Simulate(virtualUsers: 1, maxLatenessMs: 200);

        AssertLatencies(expected.LatenciesMs, result.Total.LatencyHistogram);
        Assert.Equal(expected.Late, result.Arrivals!.Late);
        Assert.Equal(expected.Dropped, result.Arrivals.Dropped);
        Assert.True(result.Arrivals.Dropped > 0);
        Assert.Equal(100, result.Total.Completed + result.Arrivals.Dropped + result.Arrivals.Unstarted);
        Assert.All(result.TimeSeries, p => Assert.True(p.Dropped >= 0));
        Assert.Equal(result.Arrivals.Dropped, result.TimeSeries.Sum(p => p.Dropped));
    }

    [Fact]
    public async Task With_max_lateness_zero_an_arrival_that_finds_no_free_user_is_dropped_at_once()
    {
        var (result, _) = await RunAsync(virtualUsers: 2, maxLateness: TimeSpan.Zero);
        var expected = Simulate(virtualUsers: 2, maxLatenessMs: 0);

        Assert.Equal(0, result.Arrivals!.Late);
        Assert.Equal(expected.Dropped, result.Arrivals.Dropped);
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
        Assert.Equal(0, result.Arrivals.Unstarted);
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
        Assert.Equal(result.Arrivals!.Late, result.TimeSeries.Sum(p => p.Late));
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

    /// <summary>
    /// The reference: arrivals every 10 ms for 1 s, served first-come first-served by the first
    /// free of N users taking 45 ms each; an arrival that waited more than the max lateness when a
    /// user freed up is dropped; nothing new starts at or after the end.
    /// </summary>
    private static (List<double> LatenciesMs, long Late, long Dropped) Simulate(int virtualUsers, double maxLatenessMs)
    {
        var free = new double[virtualUsers];
        var latencies = new List<double>();
        long late = 0, dropped = 0;
        for (var k = 0; k < 100; k++)
        {
            double due = 10 * k;
            var user = Array.IndexOf(free, free.Min());
            var start = Math.Max(due, free[user]);
            if (start >= 1000)
            {
                break;
            }

            if (start > due && start - due > maxLatenessMs)
            {
                dropped++;
                continue;
            }

            late += start > due ? 1 : 0;
            free[user] = start + Service.TotalMilliseconds;
            latencies.Add(free[user] - due);
        }

        return (latencies, late, dropped);
    }

    private static void AssertLatencies(List<double> expectedMs, HistogramBase actual)
    {
        var expected = new LongHistogram(1, 3_600_000_000, 3);
        foreach (var ms in expectedMs)
        {
            expected.RecordValue((long)(ms * 1000));
        }

        Assert.Equal(expected.TotalCount, actual.TotalCount);
        foreach (var ms in expectedMs.Distinct())
        {
            var value = (long)(ms * 1000);
            Assert.Equal(expected.GetCountAtValue(value), actual.GetCountAtValue(value));
        }
    }
}
