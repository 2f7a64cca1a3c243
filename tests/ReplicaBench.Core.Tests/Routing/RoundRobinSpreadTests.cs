using ReplicaBench.Engine;
using ReplicaBench.Routing;
using ReplicaBench.Routing.Policies;

namespace ReplicaBench.Tests.Routing;

/// <summary>Round-robin spreads reads exactly evenly, also when a replica is down and across threads.</summary>
public sealed class RoundRobinSpreadTests
{
    private readonly RoutingSession _session = new(1);

    [Fact]
    public void Reads_spread_exactly_evenly_over_three_healthy_replicas()
    {
        var board = new NodeStateBoard(3);
        var policy = new RoundRobinPolicy();

        var counts = Count(policy, board, 3_000);

        Assert.Equal([0, 1_000, 1_000, 1_000], counts);
    }

    [Fact]
    public void A_down_replica_s_turns_are_shared_evenly_by_the_others()
    {
        var board = new NodeStateBoard(3);
        board.MarkDown(1);
        var policy = new RoundRobinPolicy();

        var counts = Count(policy, board, 3_000);

        Assert.Equal([0, 1_500, 0, 1_500], counts);
    }

    [Fact]
    public void Redirected_reads_name_the_down_replica_as_intended()
    {
        var board = new NodeStateBoard(3);
        board.MarkDown(1);
        var policy = new RoundRobinPolicy();

        var redirected = Enumerable.Range(0, 30).Select(_ => policy.Decide(OperationKind.Read, _session, board)).Where(d => d.IsFallback).ToList();

        Assert.Equal(10, redirected.Count);
        Assert.All(redirected, d => Assert.Equal(2, d.IntendedNode));
        Assert.Equal([1, 3], redirected.Select(d => d.ChosenNode).Distinct().Order());
    }

    [Fact]
    public void A_replica_marked_up_again_gets_its_turns_back()
    {
        var board = new NodeStateBoard(2);
        var policy = new RoundRobinPolicy();
        board.MarkDown(0);
        Assert.Equal([0, 0, 10], Count(policy, board, 10));

        board.MarkUp(0);

        Assert.Equal([0, 5, 5], Count(policy, board, 10));
    }

    [Fact]
    public void Reads_from_many_threads_still_spread_exactly_evenly()
    {
        var board = new NodeStateBoard(2);
        var policy = new RoundRobinPolicy();
        var counts = new int[3];

        Parallel.For(0, 4, _ =>
        {
            var session = new RoutingSession(2);
            for (var i = 0; i < 10_000; i++)
            {
                Interlocked.Increment(ref counts[policy.Decide(OperationKind.Read, session, board).ChosenNode]);
            }
        });

        Assert.Equal([0, 20_000, 20_000], counts);
    }

    private int[] Count(RoundRobinPolicy policy, NodeStateBoard board, int reads)
    {
        var counts = new int[board.ReplicaCount + 1];
        for (var i = 0; i < reads; i++)
        {
            counts[policy.Decide(OperationKind.Read, _session, board).ChosenNode]++;
        }

        return counts;
    }
}
