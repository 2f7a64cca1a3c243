using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Engine.Sharding;

namespace ReplicaBench.Tests.Engine.Sharding;

/// <summary>
/// Sharded runs on the fake clock (<see cref="FakeClockRun"/>): each virtual user records the
/// instant each operation starts, with a pool large enough that every arrival starts when it is due.
/// The starts of N shards' runs, put together, are the starts of the unsharded run, exactly.
/// </summary>
public sealed class ShardedRunTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task The_union_of_the_shards_arrivals_is_the_unsharded_runs_arrivals(int count)
    {
        var load = LoadShape.Open(RateProfile.Constant(200), 8, ArrivalPattern.Poisson(11), Timeout.InfiniteTimeSpan);
        var (whole, wholeResult) = await RunAsync(load);
        var shards = new List<List<TimeSpan>>();
        long started = 0;
        foreach (var segment in Enumerable.Range(1, count).Select(i => ExecutionSegment.ForShard(i, count)))
        {
            var (starts, result) = await RunAsync(load.ForShard(segment));
            shards.Add(starts);
            started += result.Arrivals!.Started;
            Assert.Equal(0, result.Arrivals.Dropped);
        }

        Assert.True(whole.Count > 300, $"{whole.Count} arrivals");
        Assert.Equal(whole, shards.SelectMany(s => s).Order().ToList());
        Assert.Equal(wholeResult.Arrivals!.Started, started);
    }

    [Fact]
    public async Task A_shard_with_no_users_runs_its_cell_with_no_operations()
    {
        var (starts, result) = await RunAsync(LoadShape.Closed(1).ForShard(ExecutionSegment.ForShard(2, 2)));

        Assert.Empty(starts);
        Assert.Equal(0, result.Total.Completed);
        Assert.Equal(RunStopReason.Completed, result.StopReason);
    }

    private static async Task<(List<TimeSpan> Starts, LoadRunResult Result)> RunAsync(LoadShape load)
    {
        var clock = FakeClockRun.NewClock();
        var origin = clock.GetUtcNow();
        var starts = new List<TimeSpan>();
        var scenario = FakeClockRun.Scenario("sharded", context =>
        {
            var op = context.Operation("sharded");
            return new ScriptedUser(ct =>
            {
                lock (starts)
                {
                    starts.Add(clock.GetUtcNow() - origin);
                }

                return FakeClockRun.Takes(clock, TimeSpan.FromMilliseconds(5), LoadOutcome.Success(op), ct);
            });
        })
        .WithLoad(load)
        .WithWarmUp(TimeSpan.FromMilliseconds(500))
        .WithDuration(TimeSpan.FromSeconds(2));

        var result = await FakeClockRun.RunAsync(scenario, clock);
        return ([.. starts.Order()], result);
    }
}
