using System.Diagnostics;
using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Routing;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Routing;

/// <summary>
/// A bounded-staleness decision holds only when it is made: replica1 is reached through a
/// forwarder that takes 300 ms to connect, and its board sample (0 lag, 20 ms old) is well inside
/// a 100 ms bound when the read is routed, but 300 ms older once the connection is open. The read
/// must not run there then; round-robin, whose decisions do not age, keeps its choice.
/// </summary>
public sealed class AgingDecisionTests(SharedTopologyFixture fixture)
{
    private static readonly TimeSpan ConnectDelay = TimeSpan.FromMilliseconds(300);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_bounded_staleness_read_is_routed_again_once_a_slow_connection_has_opened()
    {
        await using var forwarder = SlowReplica1();
        await using var router = new Router(WithReplica1On(forwarder.ListenPort), RoutingPolicySpec.Parse("bounded-staleness:100ms"));
        await using var user = router.CreateSessionConnections(new RoutingSession(1));
        router.Board.SetReplicaSample(0, 1, lagMicroseconds: 0, Stopwatch.GetTimestamp() - Stopwatch.Frequency / 50);
        Assert.Equal(RoutingDecision.Replica(1), router.Decide(OperationKind.Read, user.Session));

        var opening = Stopwatch.StartNew();
        var lease = await user.AcquireAsync(OperationKind.Read, Token);
        user.Complete(lease);

        Assert.True(opening.Elapsed >= ConnectDelay, $"the connection opened in {opening.Elapsed.TotalMilliseconds:0} ms: the forwarder did not delay it");
        Assert.Equal(RoutingDecision.PrimaryNode, lease.NodeIndex);
        Assert.True(lease.Decision.FellBackToPrimary);
        Assert.Equal([1L, 0L, 0L], router.Counts().Nodes.Select(n => n.Reads));
    }

    [Fact]
    public async Task A_round_robin_read_keeps_its_replica_however_long_the_connection_took()
    {
        await using var forwarder = SlowReplica1();
        await using var router = new Router(WithReplica1On(forwarder.ListenPort), RoutingPolicySpec.RoundRobin);
        await using var user = router.CreateSessionConnections(new RoutingSession(1));

        var lease = await user.AcquireAsync(OperationKind.Read, Token);
        user.Complete(lease);

        Assert.Equal(1, lease.NodeIndex);
    }

    private TcpForwarder SlowReplica1()
    {
        var forwarder = new TcpForwarder(FreeTcpPorts.Take(1)[0], fixture.Topology.FindNode("replica1")!.Port) { ConnectDelay = ConnectDelay };
        forwarder.Start();
        return forwarder;
    }

    private TopologyDescriptor WithReplica1On(int port)
    {
        var topology = fixture.Topology;
        return topology with
        {
            Nodes = [.. topology.Nodes.Select(n => n.Name != "replica1" ? n : n with
            {
                Port = port,
                ConnectionString = new NpgsqlConnectionStringBuilder(n.ConnectionString) { Port = port }.ConnectionString,
            })],
        };
    }
}
