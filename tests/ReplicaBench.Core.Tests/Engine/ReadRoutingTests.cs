using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Engine;

/// <summary>Routing counts (intended vs served, fallbacks) come from the same record as every other count: the measured window only.</summary>
public sealed class ReadRoutingTests
{
    [Fact]
    public async Task Reads_by_intended_and_served_node_and_fallbacks_cover_exactly_the_measured_window()
    {
        // A fake router, one operation every 100 ms, numbered from 0: n % 4 = 0 a read meant for and
        // served by replica1, 1 the same on replica2, 2 a read meant for replica1 that fell back to
        // the primary, 3 a write on the primary; read 13 (replica2) fails. The warm-up (0–900 ms,
        // n = 0..9) holds 8 reads and 2 fallbacks; the measured window (1000–2900 ms, n = 10..29)
        // holds 5 of each kind.
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario("routed", context =>
        {
            var read = context.Operation("read");
            var write = context.Operation("write");
            var (primary, replica1, replica2) = (context.Node("primary"), context.Node("replica1"), context.Node("replica2"));
            var n = -1;
            return new ScriptedUser(_ =>
            {
                n++;
                return ValueTask.FromResult((n % 4) switch
                {
                    _ when n == 13 => LoadOutcome.Failure(read, replica2, "timeout").WithRouting(replica2, isFallback: false),
                    0 => LoadOutcome.Success(read, replica1).WithRouting(replica1, isFallback: false),
                    1 => LoadOutcome.Success(read, replica2).WithRouting(replica2, isFallback: false),
                    2 => LoadOutcome.Success(read, primary).WithRouting(replica1, isFallback: true),
                    _ => LoadOutcome.Success(write, primary).WithRouting(primary, isFallback: false),
                });
            });
        })
        .WithOperations(new OperationDefinition("read", OperationKind.Read), new OperationDefinition("write", OperationKind.Write))
        .WithNodes([new("primary", NodeRole.Primary), new("replica1", NodeRole.Replica), new("replica2", NodeRole.Replica)])
        .WithLoad(LoadShape.Closed(1, ThinkTime.Fixed(TimeSpan.FromMilliseconds(100))))
        .WithWarmUp(TimeSpan.FromSeconds(1))
        .WithDuration(TimeSpan.FromMilliseconds(1950));

        var result = await FakeClockRun.RunAsync(scenario, clock);

        Assert.Equal(10, result.WarmUp.Completed);
        Assert.Equal(
            [new("replica1", "primary", 5), new("replica1", "replica1", 5), new("replica2", "replica2", 5)],
            result.ReadsByIntendedAndServed);
        Assert.Equal(5, result.ReadFallbacks);

        // The sums the results file must satisfy.
        Assert.Equal(result.Nodes.Sum(n => n.Reads), result.ReadsByIntendedAndServed.Sum(p => p.Reads));
        Assert.All(result.Nodes, node => Assert.Equal(node.Reads, result.ReadsByIntendedAndServed.Where(p => p.ServedNode == node.Name).Sum(p => p.Reads)));
        Assert.Equal((19L, 1L), (result.Total.Succeeded, result.Total.Failed));
        Assert.Equal(result.Total.Succeeded + result.Total.Failed, result.Nodes.Sum(n => n.Reads + n.Writes));
    }

    [Fact]
    public async Task A_read_whose_outcome_names_no_intended_node_is_counted_as_meant_for_none()
    {
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario("unrouted", context =>
        {
            var read = context.Operation("read");
            var replica1 = context.Node("replica1");
            return new ScriptedUser(_ => ValueTask.FromResult(LoadOutcome.Success(read, replica1)));
        })
        .WithOperations(new OperationDefinition("read", OperationKind.Read))
        .WithNodes([new("primary", NodeRole.Primary), new("replica1", NodeRole.Replica)])
        .WithLoad(LoadShape.Closed(1, ThinkTime.Fixed(TimeSpan.FromMilliseconds(100))))
        .WithDuration(TimeSpan.FromMilliseconds(950));

        var result = await FakeClockRun.RunAsync(scenario, clock);

        Assert.Equal([new IntendedServedCount("(none)", "replica1", 10)], result.ReadsByIntendedAndServed);
        Assert.Equal(0, result.ReadFallbacks);
    }
}
