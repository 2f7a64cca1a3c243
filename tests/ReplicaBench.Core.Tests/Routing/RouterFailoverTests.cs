using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Routing;

/// <summary>What the router does when a fault schedule fails over or retires replicas, and what its observer sees.</summary>
public sealed class RouterFailoverTests
{
    private static readonly Exception Refused =
        new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused));

    [Fact]
    public async Task Promoting_a_replica_moves_the_primary_role_to_its_server_and_takes_it_out_of_rotation()
    {
        var clock = new FakeTimeProvider();
        await using var router = new Router(DistinctPorts(2), RoutingPolicySpec.RoundRobin, new RouterOptions { TimeProvider = clock });

        router.PromoteToPrimary("replica1");

        Assert.Equal("replica1", router.PrimaryServer.Name);
        Assert.Contains("Port=2", router.DataSource(RoutingDecision.PrimaryNode).ConnectionString, StringComparison.Ordinal);
        Assert.Equal("primary", router.Nodes[0].Name);
        Assert.False(router.Board.IsHealthy(0));
        Assert.All(Enumerable.Range(0, 6), _ => Assert.Equal(2, router.Decide(OperationKind.Read, new RoutingSession(1)).ChosenNode));
        Assert.Equal(RoutingDecision.Primary, router.Decide(OperationKind.Write, new RoutingSession(1)));
        Assert.Equal(1, router.Counts().Node("replica1").MarkedDown);
    }

    [Fact]
    public async Task A_retired_replica_stays_out_after_a_recheck_and_its_reads_go_to_the_others()
    {
        await using var router = new Router(DistinctPorts(2), RoutingPolicySpec.RoundRobin, new RouterOptions { TimeProvider = new FakeTimeProvider() });

        router.RetireReplica("replica2");
        await router.RecheckNowAsync(TestContext.Current.CancellationToken);

        Assert.False(router.Board.IsHealthy(1));
        Assert.All(Enumerable.Range(0, 6), _ => Assert.Equal(1, router.Decide(OperationKind.Read, new RoutingSession(1)).ChosenNode));
        Assert.Equal("primary", router.PrimaryServer.Name);
    }

    [Fact]
    public async Task Naming_a_node_that_is_not_a_replica_is_refused()
    {
        await using var router = new Router(DistinctPorts(1), RoutingPolicySpec.RoundRobin, new RouterOptions { TimeProvider = new FakeTimeProvider() });

        Assert.Throws<ArgumentException>(() => router.PromoteToPrimary("primary"));
        Assert.Throws<ArgumentException>(() => router.RetireReplica("replica7"));
    }

    [Fact]
    public async Task The_observer_sees_each_success_and_failure_stamped_by_the_router_clock()
    {
        var clock = new FakeTimeProvider();
        var observer = new RecordingObserver();
        await using var router = new Router(DistinctPorts(1), RoutingPolicySpec.RoundRobin, new RouterOptions { TimeProvider = clock, Observer = observer });
        await using var session = router.CreateSessionConnections(new RoutingSession(1));

        session.Complete(Lease(RoutingDecision.FallbackToPrimary(1)));
        clock.Advance(TimeSpan.FromMilliseconds(5));
        session.Fail(Lease(RoutingDecision.Replica(1)), Refused);

        var served = Assert.Single(observer.Successes);
        Assert.Equal(OperationKind.Read, served.Kind);
        Assert.Equal(RoutingDecision.FallbackToPrimary(1), served.Decision);
        var failed = Assert.Single(observer.Failures);
        Assert.Equal(OperationFailureKind.ConnectionRefused, failed.Failure.Kind);
        Assert.Equal(clock.GetTimestamp(), failed.Timestamp);
        Assert.Equal(TimeSpan.FromMilliseconds(5), clock.GetElapsedTime(served.Timestamp, failed.Timestamp));
    }

    private static TopologyDescriptor DistinctPorts(int replicas) => new()
    {
        Provider = "test",
        CreatedAt = DateTimeOffset.UnixEpoch,
        Nodes =
        [
            Node("primary", NodeRole.Primary, 1),
            .. Enumerable.Range(1, replicas).Select(i => Node($"replica{i}", NodeRole.Replica, 1 + i)),
        ],
    };

    private static TopologyNode Node(string name, NodeRole role, int port) =>
        new(name, role, "127.0.0.1", port, $"Host=127.0.0.1;Port={port};Username=replicabench;Password={TestTopologies.Password};Database=replicabench");

    private static RoutedLease Lease(RoutingDecision decision, OperationKind kind = OperationKind.Read) =>
        new(new NpgsqlConnection(), decision, kind, isPerOperation: false);

    private sealed class RecordingObserver : IRoutingObserver
    {
        public List<(OperationKind Kind, RoutingDecision Decision, long Timestamp)> Successes { get; } = [];

        public List<(OperationFailure Failure, long Timestamp)> Failures { get; } = [];

        public void Served(OperationKind kind, in RoutingDecision decision, long timestamp) => Successes.Add((kind, decision, timestamp));

        public void Failed(in OperationFailure failure, long timestamp) => Failures.Add((failure, timestamp));
    }
}
