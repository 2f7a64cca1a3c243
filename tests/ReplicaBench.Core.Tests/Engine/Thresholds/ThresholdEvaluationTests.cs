using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Engine.Thresholds;
using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Engine.Thresholds;

public sealed class ThresholdEvaluationTests
{
    [Theory]
    [InlineData("p99<25ms", true, 20_000)]
    [InlineData("p99<20ms", false, 20_000)]
    [InlineData("p50<=10.1ms", true, 10_000)]
    [InlineData("max<20ms", false, 20_000)]
    [InlineData("errors<30%", true, 0.25)]
    [InlineData("errors<20%", false, 0.25)]
    [InlineData("errors<=5", true, 5)]
    [InlineData("errors<5", false, 5)]
    [InlineData("stale-reads<10%", false, 0.5)]
    [InlineData("stale-reads<=50%", true, 0.5)]
    [InlineData("ryw-violations<1", false, 5)]
    [InlineData("throughput>=7/s", true, 7.5)]
    [InlineData("throughput>8/s", false, 7.5)]
    [InlineData("read.p99<15ms", true, 10_000)]
    [InlineData("write.p99<15ms", false, 20_000)]
    [InlineData("replica1.errors<1", true, 0)]
    [InlineData("write@primary.errors<=5", true, 5)]
    public async Task Thresholds_are_checked_against_what_the_run_measured(string text, bool passed, double actual)
    {
        var result = await RunAsync(text);

        var check = Assert.Single(result.Thresholds);
        Assert.Equal(passed, check.Passed);
        Assert.Equal(passed, result.ThresholdsPassed);
        Assert.Equal(passed ? 0 : 1, result.BreachedThresholds.Count());
        // Latencies are in µs, ratios fractions. 0.1% covers HdrHistogram's 3 significant digits (20 ms
        // reads back as 20.015 ms) and leaves counts and rates exact.
        Assert.NotNull(check.Actual);
        Assert.Equal(actual, check.Actual.Value, actual * 0.001);
    }

    [Fact]
    public async Task A_threshold_with_nothing_to_measure_is_breached_and_says_so()
    {
        var result = await RunAsync("primary.stale-reads<1%");

        var check = Assert.Single(result.Thresholds);
        Assert.False(check.Passed);
        Assert.Null(check.Actual);
        Assert.Equal("primary.stale-reads<1%: measured no data, limit < 1%: breached", check.Message);
    }

    [Fact]
    public async Task A_breach_message_names_the_measured_value_and_the_limit()
    {
        var result = await RunAsync("p99<20ms");

        Assert.Equal("p99<20ms: measured 20.015ms, limit < 20ms: breached", Assert.Single(result.BreachedThresholds).Message);
    }

    /// <summary>
    /// 2 s, one user thinking 90 ms, alternating reads (10 ms, replica1, every other one stale and
    /// a read-your-writes violation) and writes (20 ms, primary, every other one a timeout): 10 reads
    /// (5 stale), 10 writes (5 failed), so errors 25%, stale reads 50%, 15 successes = 7.5/s,
    /// p50 10 ms, p99 and max 20 ms.
    /// </summary>
    private static Task<LoadRunResult> RunAsync(string threshold)
    {
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario("checked", context =>
        {
            var read = context.Operation("read");
            var write = context.Operation("write");
            var primary = context.Node("primary");
            var replica = context.Node("replica1");
            var step = 0;
            return new ScriptedUser(ct =>
            {
                step++;
                return step % 2 == 1
                    ? FakeClockRun.Takes(clock, TimeSpan.FromMilliseconds(10), LoadOutcome.Success(read, replica, step % 4 == 1 ? StalenessObservation.Stale(500, readYourWritesViolation: true) : StalenessObservation.Fresh), ct)
                    : FakeClockRun.Takes(clock, TimeSpan.FromMilliseconds(20), step % 4 == 0 ? LoadOutcome.Failure(write, primary, "timeout") : LoadOutcome.Success(write, primary), ct);
            });
        })
        .WithOperations(new OperationDefinition("read", OperationKind.Read), new OperationDefinition("write", OperationKind.Write))
        .WithNodes([new NodeDefinition("primary", NodeRole.Primary), new NodeDefinition("replica1", NodeRole.Replica)])
        .WithLoad(LoadShape.Closed(1, ThinkTime.Fixed(TimeSpan.FromMilliseconds(90))))
        .WithDuration(TimeSpan.FromSeconds(2))
        .WithThresholds(threshold);
        return FakeClockRun.RunAsync(scenario, clock);
    }
}
