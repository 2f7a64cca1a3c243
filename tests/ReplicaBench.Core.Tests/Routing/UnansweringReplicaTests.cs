using ReplicaBench.Engine;
using ReplicaBench.Routing;
using ReplicaBench.Routing.Policies;

namespace ReplicaBench.Tests.Routing;

/// <summary>
/// A replica the monitor found not answering is out of rotation until it answers again, apart from
/// the router's own mark-down (which its recheck clears, and which a monitor must not clear).
/// </summary>
public sealed class UnansweringReplicaTests
{
    private readonly RoutingSession _session = new(1);

    [Fact]
    public void Reads_go_around_a_replica_that_stopped_answering_and_back_when_it_answers()
    {
        var board = new NodeStateBoard(2);
        var policy = new RoundRobinPolicy();

        Assert.True(board.SetAnswering(0, answering: false));
        var whileSilent = Count(policy, board, 1_000);
        Assert.True(board.SetAnswering(0, answering: true));
        var afterwards = Count(policy, board, 1_000);

        Assert.Equal([0, 0, 1_000], whileSilent);
        Assert.Equal([0, 500, 500], afterwards);
        Assert.Equal(1, board.UnansweredCount(0));
    }

    [Fact]
    public void Not_answering_is_not_a_mark_down_and_answering_does_not_clear_one()
    {
        var board = new NodeStateBoard(1);

        board.SetAnswering(0, answering: false);
        Assert.False(board.IsHealthy(0));
        Assert.False(board.IsMarkedDown(0));

        board.MarkDown(0);
        board.SetAnswering(0, answering: true);
        Assert.False(board.IsHealthy(0));
        Assert.True(board.IsMarkedDown(0));
        Assert.False(board.SetAnswering(0, answering: true), "no change, so no new stretch counted");
    }

    private int[] Count(IRoutingPolicy policy, NodeStateBoard board, int reads)
    {
        var counts = new int[board.ReplicaCount + 1];
        for (var i = 0; i < reads; i++)
        {
            counts[policy.Decide(OperationKind.Read, _session, board).ChosenNode]++;
        }

        return counts;
    }
}
