using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Engine;

/// <summary>
/// The denominators of the staleness rates, on a scripted run whose counts are known: 1,000 reads,
/// of which 400 were checked for staleness (10 stale) and 50 were reads of the session's own writes
/// (5 violations). Stale rate = 10 / 400 = 0.025 (not 10 / 1,000); read-your-writes rate =
/// 5 / 50 = 0.1 (not 5 / 400).
/// </summary>
public sealed class StalenessRateTests
{
    [Fact]
    public async Task Rates_are_taken_over_the_reads_each_check_applied_to()
    {
        var result = await RunAsync();

        var read = Assert.Single(result.Operations, o => o.Name == "read").Stats;
        var cell = Assert.Single(result.Buckets, c => c.Operation == "read" && c.Node == "replica1").Stats;
        foreach (var stats in new[] { result.Total, read, cell })
        {
            Assert.Equal(1000, stats.Succeeded);
            Assert.Equal(400, stats.StaleChecked);
            Assert.Equal(10, stats.StaleReads);
            Assert.Equal(0.025, stats.StaleReadRate);
            Assert.Equal(50, stats.ReadYourWritesChecked);
            Assert.Equal(5, stats.ReadYourWritesViolations);
            Assert.Equal(0.1, stats.ReadYourWritesViolationRate);
        }
    }

    [Fact]
    public async Task A_read_your_writes_threshold_is_a_share_of_reads_of_own_writes()
    {
        var result = await RunAsync("ryw-violations<=10%", "ryw-violations<9.9%");

        Assert.Equal([true, false], result.Thresholds.Select(t => t.Passed));
    }

    [Fact]
    public async Task Without_reads_of_own_writes_the_read_your_writes_rate_is_unmeasured_not_zero()
    {
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario("fresh", context =>
        {
            var read = context.Operation("read");
            var replica = context.Node("replica1");
            return new ScriptedUser(_ => ValueTask.FromResult(LoadOutcome.Success(read, replica, StalenessObservation.Fresh)));
        })
        .WithOperations(new OperationDefinition("read", OperationKind.Read))
        .WithNodes([new NodeDefinition("primary", NodeRole.Primary), new NodeDefinition("replica1", NodeRole.Replica)])
        .WithLoad(LoadShape.Closed(1, ThinkTime.Fixed(TimeSpan.FromMilliseconds(10))))
        .WithDuration(TimeSpan.FromMilliseconds(995));

        var result = await FakeClockRun.RunAsync(scenario, clock);

        Assert.Equal(100, result.Total.StaleChecked);
        Assert.Equal(0, result.Total.StaleReadRate);
        Assert.Equal(0, result.Total.ReadYourWritesChecked);
        Assert.Null(result.Total.ReadYourWritesViolationRate);
    }

    /// <summary>One user, one read every 10 ms for 9,995 ms: reads 0..999, observed by <see cref="Observation"/>.</summary>
    private static Task<LoadRunResult> RunAsync(params string[] thresholds)
    {
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario("rates", context =>
        {
            var read = context.Operation("read");
            var replica = context.Node("replica1");
            var step = 0;
            return new ScriptedUser(_ => ValueTask.FromResult(LoadOutcome.Success(read, replica, Observation(step++))));
        })
        .WithOperations(new OperationDefinition("read", OperationKind.Read))
        .WithNodes([new NodeDefinition("primary", NodeRole.Primary), new NodeDefinition("replica1", NodeRole.Replica)])
        .WithLoad(LoadShape.Closed(1, ThinkTime.Fixed(TimeSpan.FromMilliseconds(10))))
        .WithDuration(TimeSpan.FromMilliseconds(9995))
        .WithThresholds(thresholds);
        return FakeClockRun.RunAsync(scenario, clock);
    }

    /// <summary>
    /// Read i: checked when i mod 5 &lt; 2 (400), stale when i mod 100 = 0 (10, all checked); a read
    /// of an own write when i mod 20 = 1 (50, all checked), violated when i mod 200 = 1 (5); the
    /// other 600 made no check.
    /// </summary>
    private static StalenessObservation Observation(int i)
    {
        if (i % 5 >= 2)
        {
            return StalenessObservation.NotChecked;
        }

        var observation = i % 100 == 0 ? StalenessObservation.Stale(TimeSpan.FromMilliseconds(5)) : StalenessObservation.Fresh;
        return i % 20 == 1 ? observation.WithReadYourWrites(violated: i % 200 == 1) : observation;
    }
}
