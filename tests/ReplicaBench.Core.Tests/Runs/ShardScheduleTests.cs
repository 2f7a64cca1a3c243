using ReplicaBench.Engine;
using ReplicaBench.Engine.Sharding;
using ReplicaBench.LoadTests;
using ReplicaBench.Routing;
using ReplicaBench.Runs;

namespace ReplicaBench.Tests.Runs;

/// <summary>The planned start of each cell of a sharded matrix, by known answer, and the same for every shard.</summary>
public sealed class ShardScheduleTests
{
    private static readonly DateTimeOffset StartAt = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_cell_starts_after_the_previous_cells_warm_up_duration_and_gap()
    {
        // Warm-up 1 s (+5 s for the first cell), 2 s measured, 10 s gap: cells at +0, +18 s, +31 s.
        var settings = Settings(1);

        Assert.Equal(StartAt, ShardSchedule.PlannedStart(settings, 0));
        Assert.Equal(StartAt.AddSeconds(18), ShardSchedule.PlannedStart(settings, 1));
        Assert.Equal(StartAt.AddSeconds(31), ShardSchedule.PlannedStart(settings, 2));
    }

    [Fact]
    public void Every_shard_plans_the_same_instants_and_an_unsharded_run_plans_none()
    {
        Assert.All(Enumerable.Range(0, 5), cell => Assert.Equal(ShardSchedule.PlannedStart(Settings(1), cell), ShardSchedule.PlannedStart(Settings(3), cell)));
        Assert.Null(ShardSchedule.PlannedStart(Settings(1) with { Shard = null }, 1));
    }

    private static LoadMatrixSettings Settings(int shard) => new()
    {
        Scenario = new PointReadScenario(),
        Policies = [RoutingPolicySpec.PrimaryOnly],
        Load = LoadShape.Closed(4).ForShard(ExecutionSegment.ForShard(shard, 3)),
        Duration = TimeSpan.FromSeconds(2),
        WarmUp = TimeSpan.FromSeconds(1),
        FirstCellExtraWarmUp = TimeSpan.FromSeconds(5),
        Shard = new ShardSpec(shard, 3, StartAt),
        OutputDirectory = "unused",
        SettingsForResults = new Dictionary<string, object?>(),
    };
}
