using ReplicaBench.Engine;
using ReplicaBench.Routing;

namespace ReplicaBench.Tests.Routing;

/// <summary>
/// <c>session-round-robin</c> with known answers: which replica each session's reads go to, on a
/// healthy board and with replicas marked down (node 0 is the primary, 1..N the replicas).
/// </summary>
public sealed class SessionRoundRobinPolicyTests
{
    [Fact]
    public void Each_session_keeps_the_replica_it_was_dealt_and_sessions_split_evenly()
    {
        var board = new NodeStateBoard(2);
        var policy = RoutingPolicySpec.SessionRoundRobin.CreatePolicy();

        var served = Enumerable.Range(0, 16).Select(id => ReadsOf(policy, new RoutingSession(id), board, reads: 50)).ToList();

        // Every session stays on one replica: session n on replica (n mod 2) + 1, none a fallback.
        for (var id = 0; id < served.Count; id++)
        {
            Assert.All(served[id], d => Assert.Equal(new RoutingDecision(id % 2 + 1, id % 2 + 1, false), d));
        }

        Assert.Equal(8, served.Count(s => s[0].ChosenNode == 1));
        Assert.Equal(8, served.Count(s => s[0].ChosenNode == 2));
    }

    [Fact]
    public void The_sessions_of_a_replica_that_is_down_are_dealt_out_evenly_and_come_back_when_it_is_up()
    {
        var board = new NodeStateBoard(3);
        var policy = RoutingPolicySpec.SessionRoundRobin.CreatePolicy();
        var sessions = Enumerable.Range(0, 12).Select(id => new RoutingSession(id)).ToList();
        board.MarkDown(1);

        var whileDown = sessions.Select(s => policy.Decide(OperationKind.Read, s, board)).ToList();

        // replica2's four sessions (1, 4, 7, 10) go two to replica1 and two to replica3, as fallbacks
        // that still name replica2; the other eight sessions stay where they were.
        var moved = whileDown.Where(d => d.IntendedNode == 2).ToList();
        Assert.Equal(4, moved.Count);
        Assert.All(moved, d => Assert.True(d.IsFallback));
        Assert.Equal([1, 1, 3, 3], moved.Select(d => d.ChosenNode).Order());
        Assert.All(whileDown.Where(d => d.IntendedNode != 2), d => Assert.Equal(d.IntendedNode, d.ChosenNode));
        Assert.Equal([6, 6], whileDown.GroupBy(d => d.ChosenNode).Select(g => g.Count()));

        board.MarkUp(1);
        Assert.Equal(
            sessions.Select(s => s.Id % 3 + 1),
            sessions.Select(s => policy.Decide(OperationKind.Read, s, board).ChosenNode));
    }

    [Fact]
    public void With_no_healthy_replica_reads_fall_back_to_the_primary_and_writes_always_go_there()
    {
        var board = new NodeStateBoard(2);
        board.MarkDown(0);
        board.MarkDown(1);
        var policy = RoutingPolicySpec.SessionRoundRobin.CreatePolicy();
        var session = new RoutingSession(3);

        Assert.Equal(RoutingDecision.FallbackToPrimary(2), policy.Decide(OperationKind.Read, session, board));
        Assert.Equal(RoutingDecision.Primary, policy.Decide(OperationKind.Write, session, new NodeStateBoard(2)));
        Assert.Equal(RoutingDecision.FallbackToPrimary(RoutingDecision.PrimaryNode), policy.Decide(OperationKind.Read, session, new NodeStateBoard(0)));
    }

    private static List<RoutingDecision> ReadsOf(IRoutingPolicy policy, RoutingSession session, NodeStateBoard board, int reads) =>
        [.. Enumerable.Range(0, reads).Select(_ => policy.Decide(OperationKind.Read, session, board))];
}
