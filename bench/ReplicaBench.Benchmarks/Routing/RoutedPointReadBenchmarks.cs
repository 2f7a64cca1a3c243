using BenchmarkDotNet.Attributes;
using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Measurement;
using ReplicaBench.Routing;
using ReplicaBench.Topology;
using ReplicaBench.Workload;

namespace ReplicaBench.Benchmarks.Routing;

/// <summary>
/// A point read end to end, the way an application does it (take a connection, run the read,
/// give the connection back), through each way of routing: a plain single-host NpgsqlDataSource
/// (the baseline, on the primary; and on replica1, since replica policies read from replicas),
/// the Router with each policy, and Npgsql's own NpgsqlMultiHostDataSource with PreferStandby
/// and load balancing. The difference to the plain data source on the same kind of node is the
/// cost of routing. A ReplicaMonitor keeps the lag-aware policies' samples fresh, as in a load run.
/// </summary>
[BenchmarkCategory("RoutedPointRead")]
public class RoutedPointReadBenchmarks
{
    private const string PointRead = "SELECT version FROM " + WorkloadSchema.ItemsTable + " WHERE id = $1";
    private const int SeedRows = 10_000;

    private readonly RoutingSession _session = new(1);
    private readonly Dictionary<string, Router> _routers = [];
    private readonly CancellationTokenSource _stopMonitor = new();
    private NpgsqlDataSource _plainPrimary = null!;
    private NpgsqlDataSource _plainReplica = null!;
    private NpgsqlMultiHostDataSource _multiHost = null!;
    private NpgsqlDataSource _preferStandby = null!;
    private Task _monitor = Task.CompletedTask;
    private long _key;

    [GlobalSetup]
    public async Task Setup()
    {
        var topology = WithAutoPrepare(BenchTopology.Load());
        if (topology.Replicas.Count == 0)
        {
            throw new BadInputException("the routing benchmarks need a topology with at least one replica; bring one up with 'replicabench topology up --replicas 2'.");
        }

        ulong seededLsn;
        await using (var primary = await WriteInterlock.OpenPrimaryAsync(topology, "the routing benchmarks (seeding the bench table)", CancellationToken.None))
        {
            await WorkloadSchema.CreateAsync(primary, CancellationToken.None);
            seededLsn = (await WorkloadSeeder.SeedAsync(primary, SeedRows, CancellationToken.None)).Lsn;
        }

        foreach (var replica in topology.Replicas)
        {
            await using var connection = await NodeConnections.OpenAsync(replica, CancellationToken.None);
            await ReplayCatchUp.WaitAsync(connection, seededLsn, TimeSpan.FromSeconds(30), CancellationToken.None);
        }

        _plainPrimary = NodeConnections.CreateDataSource(topology.Primary);
        _plainReplica = NodeConnections.CreateDataSource(topology.Replicas[0]);
        _multiHost = new NpgsqlDataSourceBuilder(MultiHostConnectionString(topology)).BuildMultiHost();
        _preferStandby = _multiHost.WithTargetSession(TargetSessionAttributes.PreferStandby);

        var board = new NodeStateBoard(topology.Replicas.Count);
        foreach (var spec in new[] { "primary-only", "round-robin", "least-lag", "bounded-staleness:1s", "read-your-writes", "npgsql-prefer-standby" })
        {
            _routers[spec] = new Router(topology, RoutingPolicySpec.Parse(spec), board: board);
        }

        // read-your-writes then checks every read against a write the replicas have replayed.
        _session.RecordWrite(seededLsn);
        var monitor = new ReplicaMonitor(topology, board);
        _monitor = monitor.RunAsync(_stopMonitor.Token);
        while (Enumerable.Range(0, board.ReplicaCount).Any(r => board.LagMicroseconds(r) < 0))
        {
            await Task.Delay(10);
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _stopMonitor.CancelAsync();
        await _monitor.ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var router in _routers.Values)
        {
            await router.DisposeAsync();
        }

        await _plainPrimary.DisposeAsync();
        await _plainReplica.DisposeAsync();
        await _multiHost.DisposeAsync();
        _stopMonitor.Dispose();
    }

    [Benchmark(Baseline = true, Description = "plain NpgsqlDataSource -> primary")]
    public async Task<long> PlainPrimary()
    {
        await using var connection = await _plainPrimary.OpenConnectionAsync();
        return await ReadAsync(connection);
    }

    [Benchmark(Description = "plain NpgsqlDataSource -> replica1")]
    public async Task<long> PlainReplica()
    {
        await using var connection = await _plainReplica.OpenConnectionAsync();
        return await ReadAsync(connection);
    }

    [Benchmark(Description = "Router primary-only")]
    public Task<long> RouterPrimaryOnly() => ThroughRouterAsync("primary-only");

    [Benchmark(Description = "Router round-robin")]
    public Task<long> RouterRoundRobin() => ThroughRouterAsync("round-robin");

    [Benchmark(Description = "Router least-lag")]
    public Task<long> RouterLeastLag() => ThroughRouterAsync("least-lag");

    [Benchmark(Description = "Router bounded-staleness:1s")]
    public Task<long> RouterBoundedStaleness() => ThroughRouterAsync("bounded-staleness:1s");

    [Benchmark(Description = "Router read-your-writes")]
    public Task<long> RouterReadYourWrites() => ThroughRouterAsync("read-your-writes");

    [Benchmark(Description = "Router npgsql-prefer-standby")]
    public Task<long> RouterNpgsqlPreferStandby() => ThroughRouterAsync("npgsql-prefer-standby");

    [Benchmark(Description = "NpgsqlMultiHostDataSource PreferStandby, load balanced")]
    public async Task<long> NpgsqlMultiHostPreferStandby()
    {
        await using var connection = await _preferStandby.OpenConnectionAsync();
        return await ReadAsync(connection);
    }

    private static TopologyDescriptor WithAutoPrepare(TopologyDescriptor topology) => topology with
    {
        // Every path prepares the point read once per physical connection, as a tuned app would.
        Nodes = [.. topology.Nodes.Select(n => n with
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(n.ConnectionString) { MaxAutoPrepare = 10 }.ConnectionString,
        })],
    };

    private static string MultiHostConnectionString(TopologyDescriptor topology) =>
        new NpgsqlConnectionStringBuilder(topology.Primary.ConnectionString)
        {
            Host = string.Join(',', topology.Nodes.Select(n => $"{n.Host}:{n.Port}")),
            LoadBalanceHosts = true,
        }.ConnectionString;

    private async Task<long> ThroughRouterAsync(string policy)
    {
        await using var routed = await _routers[policy].OpenAsync(OperationKind.Read, _session, CancellationToken.None);
        return await ReadAsync(routed.Connection);
    }

    private async Task<long> ReadAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(PointRead, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (_key++ % SeedRows) + 1 });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
