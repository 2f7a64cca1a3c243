using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Routing;

/// <summary>Router behaviour that needs no server: validation, warnings, counting and marking down.</summary>
public sealed class RouterTests
{
    private static readonly RouterOptions NoRechecks = new() { TimeProvider = new FakeTimeProvider() };

    private static readonly Exception Refused =
        new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused));

    [Theory]
    [InlineData("round-robin")]
    [InlineData("least-lag")]
    [InlineData("bounded-staleness:100ms")]
    [InlineData("read-your-writes")]
    [InlineData("npgsql-prefer-standby")]
    public async Task A_replica_policy_on_a_topology_without_replicas_warns_and_reads_from_the_primary(string policy)
    {
        await using var router = new Router(TestTopologies.WithReplicas(0), RoutingPolicySpec.Parse(policy), NoRechecks);

        Assert.Equal($"policy {policy} on a topology with no replicas: all reads go to the primary", router.Warning);
        if (!router.RoutesThroughNpgsql)
        {
            Assert.Equal(RoutingDecision.FallbackToPrimary(0), router.Decide(OperationKind.Read, new RoutingSession(1)));
        }
    }

    [Fact]
    public async Task Primary_only_never_warns()
    {
        await using var router = new Router(TestTopologies.WithReplicas(0), RoutingPolicySpec.PrimaryOnly, NoRechecks);

        Assert.Null(router.Warning);
    }

    [Fact]
    public async Task Every_replica_down_gives_a_warning_naming_them()
    {
        await using var router = new Router(TestTopologies.WithReplicas(2), RoutingPolicySpec.RoundRobin, NoRechecks);
        Assert.Null(router.Warning);

        router.Board.MarkDown(0);
        router.Board.MarkDown(1);

        Assert.Equal("policy round-robin: every replica is down (replica1, replica2): reads go to the primary until a recheck brings one back", router.Warning);
    }

    [Theory]
    [InlineData("least-lag", "no replica lag has been sampled")]
    [InlineData("bounded-staleness:100ms", "no replica lag has been sampled")]
    [InlineData("read-your-writes", "no replica replay LSN has been sampled")]
    public async Task A_policy_that_needs_samples_warns_until_the_first_arrives(string policy, string expected)
    {
        await using var router = new Router(TestTopologies.WithReplicas(2), RoutingPolicySpec.Parse(policy), NoRechecks);
        Assert.Contains(expected, router.Warning, StringComparison.Ordinal);

        router.Board.SetReplicaSample(1, 100, 500);

        Assert.Null(router.Warning);
    }

    [Fact]
    public async Task A_topology_that_does_not_start_with_the_primary_is_bad_input()
    {
        var topology = TestTopologies.WithReplicas(1) with
        {
            Nodes = [TestTopologies.Node("replica1", NodeRole.Replica), TestTopologies.Node("primary", NodeRole.Primary)],
        };

        var ex = Assert.Throws<BadInputException>(() => new Router(topology, RoutingPolicySpec.RoundRobin, NoRechecks));

        Assert.Contains("one primary first", ex.Message, StringComparison.Ordinal);
        Assert.Contains("replica1=replica, primary=primary", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_board_for_another_replica_count_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new Router(TestTopologies.WithReplicas(2), RoutingPolicySpec.RoundRobin, NoRechecks, new NodeStateBoard(3)));
    }

    [Fact]
    public async Task A_board_passed_in_is_the_one_decisions_read()
    {
        var board = new NodeStateBoard(2);
        board.MarkDown(0);
        await using var router = new Router(TestTopologies.WithReplicas(2), RoutingPolicySpec.RoundRobin, NoRechecks, board);

        Assert.Same(board, router.Board);
        Assert.All(Enumerable.Range(0, 6), _ => Assert.Equal(2, router.Decide(OperationKind.Read, new RoutingSession(1)).ChosenNode));
    }

    [Fact]
    public async Task Completed_operations_from_every_session_add_up_to_intended_versus_served()
    {
        await using var router = new Router(TestTopologies.WithReplicas(2), RoutingPolicySpec.RoundRobin, NoRechecks);
        await using var first = router.CreateSessionConnections(new RoutingSession(1));
        await using var second = router.CreateSessionConnections(new RoutingSession(2));

        first.Complete(Lease(RoutingDecision.Replica(1)));
        first.Complete(Lease(RoutingDecision.FallbackToPrimary(2)));
        second.Complete(Lease(RoutingDecision.FallbackToPrimary(2)));
        second.Complete(Lease(RoutingDecision.Primary, OperationKind.Write));
        var counts = router.Counts();

        Assert.Equal(2, counts.ReadsIntendedFor("replica2", "primary"));
        Assert.Equal(1, counts.Node("replica1").Reads);
        Assert.Equal(1, counts.Node("primary").Writes);
        Assert.Equal(2, counts.ReadFallbacksToPrimary);
    }

    [Fact]
    public async Task A_connection_failure_on_a_replica_marks_it_down_once_and_later_reads_avoid_it()
    {
        await using var router = new Router(TestTopologies.WithReplicas(2), RoutingPolicySpec.RoundRobin, NoRechecks);
        await using var session = router.CreateSessionConnections(new RoutingSession(1));

        var failure = session.Fail(Lease(RoutingDecision.Replica(2)), Refused);
        session.Fail(Lease(RoutingDecision.Replica(2)), Refused);

        Assert.Equal(OperationFailureKind.ConnectionRefused, failure.Kind);
        Assert.False(router.Board.IsHealthy(1));
        Assert.Equal(1, router.Board.DownCount(1));
        Assert.All(Enumerable.Range(0, 6), _ => Assert.Equal(1, router.Decide(OperationKind.Read, session.Session).ChosenNode));
        var counts = router.Counts();
        Assert.Equal(2, counts.FailuresByKind[OperationFailureKind.ConnectionRefused]);
        Assert.Equal(1, counts.Node("replica2").MarkedDown);
    }

    [Fact]
    public async Task A_failure_that_is_not_about_the_connection_leaves_the_replica_in_rotation()
    {
        await using var router = new Router(TestTopologies.WithReplicas(1), RoutingPolicySpec.RoundRobin, NoRechecks);
        await using var session = router.CreateSessionConnections(new RoutingSession(1));

        var failure = session.Fail(Lease(RoutingDecision.Replica(1)), new PostgresException("canceling statement due to statement timeout", "ERROR", "ERROR", "57014"));

        Assert.Equal(OperationFailureKind.Timeout, failure.Kind);
        Assert.True(router.Board.IsHealthy(0));
    }

    [Fact]
    public async Task A_connection_failure_on_the_primary_is_counted_but_marks_nothing_down()
    {
        await using var router = new Router(TestTopologies.WithReplicas(1), RoutingPolicySpec.RoundRobin, NoRechecks);
        await using var session = router.CreateSessionConnections(new RoutingSession(1));

        session.Fail(Lease(RoutingDecision.Primary, OperationKind.Write), Refused);

        Assert.True(router.Board.IsHealthy(0));
        Assert.Equal(1, router.Counts().Node("primary").Failures);
    }

    [Fact]
    public async Task Opening_a_replica_that_refuses_throws_a_classified_failure_without_the_password()
    {
        await using var router = new Router(TestTopologies.WithReplicas(1), RoutingPolicySpec.RoundRobin, NoRechecks);
        await using var session = router.CreateSessionConnections(new RoutingSession(1));

        var ex = await Assert.ThrowsAsync<OperationFailedException>(async () => await session.AcquireAsync(OperationKind.Read, TestContext.Current.CancellationToken));

        Assert.Equal(OperationFailureKind.ConnectionRefused, ex.Failure.Kind);
        Assert.Equal(1, ex.Failure.NodeIndex);
        Assert.StartsWith("replica1: connection refused", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestTopologies.Password, ex.ToString(), StringComparison.Ordinal);
        Assert.False(router.Board.IsHealthy(0));
        Assert.Equal(RoutingDecision.FallbackToPrimary(1), router.Decide(OperationKind.Read, session.Session));
    }

    private static RoutedLease Lease(RoutingDecision decision, OperationKind kind = OperationKind.Read) =>
        new(new NpgsqlConnection(), decision, kind, isPerOperation: false);
}
