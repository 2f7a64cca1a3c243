using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Routing;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Routing;

/// <summary>The router against the shared primary + two replicas: where operations really run, and what a failing replica does.</summary>
public sealed class RouterTests(SharedTopologyFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Round_robin_runs_reads_on_both_replicas_and_writes_on_the_primary()
    {
        await using var router = new Router(fixture.Topology, RoutingPolicySpec.RoundRobin);
        await using var user = router.CreateSessionConnections(new RoutingSession(1));
        var connectionsUsed = new Dictionary<int, HashSet<int>>();

        for (var i = 0; i < 10; i++)
        {
            var lease = await user.AcquireAsync(OperationKind.Read, Token);
            var (inRecovery, port) = await RoutedSql.WhereAmIAsync(lease.Connection, Token);
            user.Complete(lease);

            Assert.True(inRecovery, $"read {i} ran on a server that is not in recovery");
            Assert.Equal(router.Nodes[lease.NodeIndex].Port, port);
            connectionsUsed.TryAdd(lease.NodeIndex, []);
            connectionsUsed[lease.NodeIndex].Add(lease.Connection.ProcessID);
        }

        for (var i = 0; i < 3; i++)
        {
            var lease = await user.AcquireAsync(OperationKind.Write, Token);
            var (inRecovery, port) = await RoutedSql.WhereAmIAsync(lease.Connection, Token);
            user.Complete(lease);

            Assert.False(inRecovery);
            Assert.Equal(fixture.Topology.Primary.Port, port);
        }

        // One connection per node for this user, reused by every read that node served.
        Assert.Equal([1, 2], connectionsUsed.Keys.Order());
        Assert.All(connectionsUsed.Values, backends => Assert.Single(backends));
        var counts = router.Counts();
        Assert.Equal([0L, 5L, 5L], counts.Nodes.Select(n => n.Reads));
        Assert.Equal([3L, 0L, 0L], counts.Nodes.Select(n => n.Writes));
        Assert.Equal(0, counts.ReadFallbacks);
        Assert.Null(router.Warning);
    }

    [Fact]
    public async Task A_user_s_next_operation_on_an_open_connection_is_routed_without_allocating()
    {
        await using var router = new Router(fixture.Topology, RoutingPolicySpec.RoundRobin);
        await using var user = router.CreateSessionConnections(new RoutingSession(1));
        for (var i = 0; i < 4; i++)
        {
            user.Complete(await user.AcquireAsync(OperationKind.Read, Token));
            user.Complete(await user.AcquireAsync(OperationKind.Write, Token));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            var read = user.AcquireAsync(OperationKind.Read, Token);
            Assert.True(read.IsCompletedSuccessfully);
            user.Complete(await read);
            var write = user.AcquireAsync(OperationKind.Write, Token);
            Assert.True(write.IsCompletedSuccessfully);
            user.Complete(await write);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(104, router.Counts().ReplicaReads);
    }

    [Fact]
    public async Task Open_hands_a_tool_a_pooled_connection_and_says_which_node_it_is()
    {
        await using var router = new Router(fixture.Topology, RoutingPolicySpec.RoundRobin);
        var session = new RoutingSession(1);

        await using (var read = await router.OpenAsync(OperationKind.Read, session, Token))
        {
            var (inRecovery, port) = await RoutedSql.WhereAmIAsync(read.Connection, Token);
            Assert.True(inRecovery);
            Assert.Equal(read.Node.Port, port);
            Assert.Equal(NodeRole.Replica, read.Node.Role);
        }

        await using (var write = await router.OpenAsync(OperationKind.Write, session, Token))
        {
            Assert.False((await RoutedSql.WhereAmIAsync(write.Connection, Token)).InRecovery);
            Assert.Equal("primary", write.Node.Name);
            Assert.Equal(0, write.NodeIndex);
        }

        Assert.Equal(1, router.Counts().ReplicaReads);
        Assert.Equal(1, router.Counts().Writes);
    }

    [Fact]
    public async Task A_write_executed_on_a_replica_is_a_read_only_violation_with_sqlstate_25006()
    {
        var topology = fixture.Topology;
        var replica1 = topology.FindNode("replica1")!;
        await Rows.EnsureMarkerTableAsync(topology.Primary.ConnectionString, Token);
        await RoutedSql.WaitForMarkerTableAsync(replica1.ConnectionString, Token);
        await using var connection = new NpgsqlConnection(replica1.ConnectionString);
        await connection.OpenAsync(Token);
        await using var insert = new NpgsqlCommand("INSERT INTO rb_it.markers (id, note) VALUES (-1, 'never')", connection);

        var ex = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync(Token));
        var failure = OperationFailureClassifier.Classify(ex, 1, replica1);

        Assert.Equal(OperationFailureKind.ReadOnlyViolation, failure.Kind);
        Assert.Equal("25006", failure.SqlState);
        Assert.StartsWith("a write reached replica1, a read-only hot standby", failure.Message, StringComparison.Ordinal);
        Assert.Contains("writes must go to the primary", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_sent_as_a_read_is_reported_as_25006_and_leaves_the_replica_in_rotation()
    {
        var topology = fixture.Topology;
        await Rows.EnsureMarkerTableAsync(topology.Primary.ConnectionString, Token);
        await RoutedSql.WaitForMarkerTableAsync(topology.FindNode("replica1")!.ConnectionString, Token);
        await using var router = new Router(topology, RoutingPolicySpec.RoundRobin);
        await using var user = router.CreateSessionConnections(new RoutingSession(1));

        var lease = await user.AcquireAsync(OperationKind.Read, Token);
        await using var insert = new NpgsqlCommand("INSERT INTO rb_it.markers (id, note) VALUES (-2, 'never')", lease.Connection);
        var ex = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync(Token));
        var failure = user.Fail(lease, ex);

        Assert.Equal(OperationFailureKind.ReadOnlyViolation, failure.Kind);
        Assert.Equal("replica1", failure.NodeName);
        Assert.True(router.Board.IsHealthy(0));
        Assert.Equal(1, router.Counts().FailuresByKind[OperationFailureKind.ReadOnlyViolation]);
        var again = await user.AcquireAsync(OperationKind.Read, Token);
        Assert.True((await RoutedSql.WhereAmIAsync(again.Connection, Token)).InRecovery);
        user.Complete(again);
    }

    [Fact]
    public async Task Npgsql_prefer_standby_reads_land_on_standbys_and_writes_on_the_primary()
    {
        await using var router = new Router(fixture.Topology, RoutingPolicySpec.NpgsqlPreferStandby);
        await using var user = router.CreateSessionConnections(new RoutingSession(1));

        for (var i = 0; i < 20; i++)
        {
            var lease = await user.AcquireAsync(OperationKind.Read, Token);
            var (inRecovery, port) = await RoutedSql.WhereAmIAsync(lease.Connection, Token);
            user.Complete(lease);

            Assert.True(lease.IsPerOperation);
            Assert.True(inRecovery, $"read {i} ran on a server that is not in recovery");
            Assert.Equal(router.Nodes[lease.NodeIndex].Port, port);
        }

        for (var i = 0; i < 3; i++)
        {
            var lease = await user.AcquireAsync(OperationKind.Write, Token);
            var (inRecovery, port) = await RoutedSql.WhereAmIAsync(lease.Connection, Token);
            user.Complete(lease);

            Assert.False(inRecovery);
            Assert.Equal(fixture.Topology.Primary.Port, port);
        }

        var counts = router.Counts();
        Assert.Equal(20, counts.ReplicaReads);
        Assert.All(counts.Nodes.Skip(1), n => Assert.True(n.Reads > 0, $"{n.Name} served no reads"));
        Assert.Equal(3, counts.Node("primary").Writes);
    }

    [Fact]
    public async Task A_replica_that_refuses_connections_is_marked_down_and_its_reads_go_to_the_other()
    {
        var closedPort = FreeTcpPorts.Take(1)[0];
        await using var router = new Router(WithReplica2On(closedPort), RoutingPolicySpec.RoundRobin, new RouterOptions { RecheckInterval = TimeSpan.FromMinutes(10) });
        await using var user = router.CreateSessionConnections(new RoutingSession(1));
        var failures = new List<OperationFailure>();
        var servedPorts = new List<int>();

        for (var i = 0; i < 10; i++)
        {
            try
            {
                var lease = await user.AcquireAsync(OperationKind.Read, Token);
                servedPorts.Add((await RoutedSql.WhereAmIAsync(lease.Connection, Token)).Port);
                user.Complete(lease);
            }
            catch (OperationFailedException ex)
            {
                failures.Add(ex.Failure);
            }
        }

        var failure = Assert.Single(failures);
        Assert.Equal(OperationFailureKind.ConnectionRefused, failure.Kind);
        Assert.Equal("replica2", failure.NodeName);
        Assert.False(router.Board.IsHealthy(1));
        Assert.Equal(9, servedPorts.Count);
        Assert.All(servedPorts, p => Assert.Equal(fixture.Topology.FindNode("replica1")!.Port, p));
        var counts = router.Counts();
        Assert.Equal(1, counts.FailuresByKind[OperationFailureKind.ConnectionRefused]);
        Assert.Equal(1, counts.Node("replica2").MarkedDown);
        Assert.True(counts.ReadsIntendedFor("replica2", "replica1") >= 4, string.Join("; ", counts.ReadsByIntendedAndServed));
    }

    [Fact]
    public async Task A_replica_comes_back_after_the_recheck_once_it_is_reachable()
    {
        var replica2 = fixture.Topology.FindNode("replica2")!;
        var port = FreeTcpPorts.Take(1)[0];
        await using var forwarder = new TcpForwarder(port, replica2.Port);
        await using var router = new Router(WithReplica2On(port), RoutingPolicySpec.RoundRobin, new RouterOptions { RecheckInterval = TimeSpan.FromMilliseconds(200) });
        await using var user = router.CreateSessionConnections(new RoutingSession(1));
        await ReadUntilReplica2IsMarkedDownAsync(router, user);

        await Task.Delay(600, Token);
        Assert.False(router.Board.IsHealthy(1), "replica2 came back while nothing listened on its port");
        forwarder.Start();
        await WaitUntilHealthyAsync(router.Board, 1, TimeSpan.FromSeconds(5));

        var replica2Reads = await CountReadsOnAsync(user, replica2.Port, reads: 10);
        Assert.Equal(5, replica2Reads);
        Assert.Equal(1, router.Counts().Node("replica2").MarkedUp);
    }

    [Fact]
    public async Task A_connection_that_breaks_under_a_user_is_connection_lost_and_the_user_reconnects_after_the_recheck()
    {
        var replica2 = fixture.Topology.FindNode("replica2")!;
        var port = FreeTcpPorts.Take(1)[0];
        await using var forwarder = new TcpForwarder(port, replica2.Port);
        forwarder.Start();
        await using var router = new Router(WithReplica2On(port), RoutingPolicySpec.RoundRobin, new RouterOptions { RecheckInterval = TimeSpan.FromMilliseconds(200) });
        await using var user = router.CreateSessionConnections(new RoutingSession(1));
        Assert.Equal(2, await CountReadsOnAsync(user, replica2.Port, reads: 4));

        forwarder.DropConnections();
        var failures = new List<OperationFailure>();
        for (var i = 0; i < 4; i++)
        {
            var lease = await user.AcquireAsync(OperationKind.Read, Token);
            try
            {
                await RoutedSql.WhereAmIAsync(lease.Connection, Token);
                user.Complete(lease);
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException)
            {
                failures.Add(user.Fail(lease, ex));
            }
        }

        var failure = Assert.Single(failures);
        Assert.Equal(OperationFailureKind.ConnectionLost, failure.Kind);
        Assert.Equal(2, failure.NodeIndex);
        await WaitUntilHealthyAsync(router.Board, 1, TimeSpan.FromSeconds(5));
        Assert.Equal(5, await CountReadsOnAsync(user, replica2.Port, reads: 10));
    }

    private static async Task ReadUntilReplica2IsMarkedDownAsync(Router router, SessionConnections user)
    {
        for (var i = 0; i < 4 && router.Board.IsHealthy(1); i++)
        {
            try
            {
                var lease = await user.AcquireAsync(OperationKind.Read, Token);
                user.Complete(lease);
            }
            catch (OperationFailedException)
            {
            }
        }

        Assert.False(router.Board.IsHealthy(1), "replica2 on a closed port was never marked down");
    }

    private static async Task<int> CountReadsOnAsync(SessionConnections user, int port, int reads)
    {
        var count = 0;
        for (var i = 0; i < reads; i++)
        {
            var lease = await user.AcquireAsync(OperationKind.Read, Token);
            var where = await RoutedSql.WhereAmIAsync(lease.Connection, Token);
            user.Complete(lease);
            Assert.True(where.InRecovery);
            count += where.Port == port ? 1 : 0;
        }

        return count;
    }

    private static async Task WaitUntilHealthyAsync(NodeStateBoard board, int replica, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(timeout.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!board.IsHealthy(replica) && TimeProvider.System.GetTimestamp() < deadline)
        {
            await Task.Delay(20, Token);
        }

        Assert.True(board.IsHealthy(replica), $"replica {replica + 1} was not marked up within {timeout.TotalSeconds} s");
    }

    /// <summary>The shared topology with replica2's address moved to <paramref name="port"/>.</summary>
    private TopologyDescriptor WithReplica2On(int port)
    {
        var topology = fixture.Topology;
        return topology with
        {
            Nodes = [.. topology.Nodes.Select(n => n.Name != "replica2" ? n : n with
            {
                Port = port,
                ConnectionString = new NpgsqlConnectionStringBuilder(n.ConnectionString) { Port = port }.ConnectionString,
            })],
        };
    }
}
