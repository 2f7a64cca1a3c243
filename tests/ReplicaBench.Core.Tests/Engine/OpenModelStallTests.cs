using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Tests.Engine;

/// <summary>
/// A server that freezes for one second under 1,000 arrivals/s, played on the fake clock: every
/// operation that starts during the freeze ends when it thaws. Known answers, exact to
/// HdrHistogram's 3 significant digits (the fake clock adds no error of its own).
/// </summary>
public sealed class OpenModelStallTests
{
    private static readonly TimeSpan FreezeStart = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FreezeEnd = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_one_second_stall_at_1000_per_second_shows_in_p99_and_max_when_users_suffice()
    {
        // 7,500 arrivals in 7.5 s, 1 ms each; the 1,000 due in the freeze take 1000, 999, ..., 1 ms.
        // p99 is the 7,425th of 7,500 sorted: 6,500 at 1 ms, then 1..925 ms. Enough users: none waits.
        var result = await RunAsync(virtualUsers: 1100);

        Assert.Equal(Reported.Milliseconds(925), result.Total.Latency.P99);
        Assert.Equal(Reported.Milliseconds(1000), result.Total.Latency.Max);
        Assert.Equal(67.6, result.Total.Latency.Mean / 1000, 0.001 * 67.6);   // (6,500 × 1 + 1 + ... + 1,000) / 7,500 ms
        var arrivals = result.Arrivals!;
        Assert.Equal((7500L, 7500L, 0L), (arrivals.Scheduled, arrivals.Started, arrivals.Dropped));
        Assert.Equal(0, arrivals.ScheduleLag.Max);
        Assert.Equal(0, arrivals.Late);
        Assert.True(result.Passed);
    }

    [Fact]
    public async Task When_the_stall_outlasts_the_pool_the_schedule_lag_shows_it()
    {
        // Ten users (the CLI's default pool at 1,000/s): arrivals 2000..2009 ms take them all until
        // 3000 ms; 2010..2999 wait in the backlog (2010 for 990 ms, under the 1 s max lateness), and
        // the ten users then clear it at ten per millisecond while one more arrives each.
        var result = await RunAsync(virtualUsers: 10);
        var expected = QueueReference.Run(10, arrivals: 7500, gapMs: 1, StallMs, maxLatenessMs: 1000, endMs: 7500);

        var arrivals = result.Arrivals!;
        Assert.Equal((7500L, 7500L, 0L), (arrivals.Scheduled, arrivals.Started, arrivals.Dropped));
        QueueReference.AssertSameHistogram(expected.LagsMs, arrivals.ScheduleLagHistogram);
        Assert.Equal(Reported.Milliseconds(990), arrivals.ScheduleLag.Max);
        Assert.Equal(Reported.Milliseconds(922), arrivals.ScheduleLag.P99);
        Assert.Equal(0, arrivals.ScheduleLag.P50);
        Assert.Equal(72.6, arrivals.ScheduleLagMeanMs!.Value, 0.001 * 72.6);
        Assert.Equal(1098, arrivals.Late);                                    // started more than 1 ms late
        Assert.Equal(expected.Late, arrivals.Late);

        QueueReference.AssertSameHistogram(expected.LatenciesMs, result.Total.LatencyHistogram);
        Assert.Equal(Reported.Milliseconds(932), result.Total.Latency.P99);
        Assert.Equal(Reported.Milliseconds(1000), result.Total.Latency.Max);
        Assert.True(result.Passed);
    }

    /// <summary>An operation's time, given when it starts (ms from the start of the run).</summary>
    private static double StallMs(double startMs) =>
        startMs >= FreezeStart.TotalMilliseconds && startMs < FreezeEnd.TotalMilliseconds ? FreezeEnd.TotalMilliseconds - startMs : 1;

    private static async Task<LoadRunResult> RunAsync(int virtualUsers)
    {
        var clock = FakeClockRun.NewClock();
        var origin = clock.GetUtcNow();
        var scenario = FakeClockRun.Scenario("read", context =>
        {
            var op = context.Operation("read");
            return new ScriptedUser(ct =>
            {
                var took = TimeSpan.FromMilliseconds(StallMs((clock.GetUtcNow() - origin).TotalMilliseconds));
                return FakeClockRun.Takes(clock, took, LoadOutcome.Success(op), ct);
            });
        })
        .WithLoad(LoadShape.Open(RateProfile.Constant(1000), virtualUsers, ArrivalPattern.Even))
        .WithDuration(TimeSpan.FromSeconds(7.5));

        return await FakeClockRun.RunAsync(scenario, clock);
    }
}
