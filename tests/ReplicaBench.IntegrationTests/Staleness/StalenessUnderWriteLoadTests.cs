using System.Diagnostics;
using Npgsql;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Measurement;
using ReplicaBench.Routing;
using ReplicaBench.Workload;

namespace ReplicaBench.IntegrationTests.Staleness;

/// <summary>
/// The routing and staleness pieces together, under a write load, on the shared topology whose
/// replica2 applies WAL 300 ms late: round-robin sends reads to replica2 and the per-read checks
/// catch it serving superseded versions, including a session's own writes; read-your-writes, fed
/// by the ReplicaMonitor's replay LSNs, never lets a session miss its own write.
/// </summary>
public sealed class StalenessUnderWriteLoadTests(SharedTopologyFixture fixture)
{
    private const long SeedRows = 2_000;
    private static readonly TimeSpan RunFor = TimeSpan.FromSeconds(3);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Round_robin_records_stale_reads_and_own_write_misses_against_the_delayed_replica()
    {
        var run = await RunAsync("round-robin");

        Assert.True(run.Reads > 100, $"only {run.Reads} reads ran");
        Assert.True(run.ReadsServedBy("replica2") > 0, "round-robin sent no read to replica2");
        Assert.True(run.StaleReads > 0, $"no stale read in {run.Reads} reads");
        Assert.True(run.ReadYourWritesViolations > 0, $"no read-your-writes violation in {run.ReadsOfOwnWrites} reads of own writes");
    }

    [Fact]
    public async Task Read_your_writes_never_lets_a_session_miss_its_own_write()
    {
        var run = await RunAsync("read-your-writes");

        Assert.True(run.ReadsOfOwnWrites > 50, $"only {run.ReadsOfOwnWrites} reads of own writes: the check proved nothing");
        Assert.Equal(0, run.ReadYourWritesViolations);
        Assert.True(run.ReadsServedBy("replica1") + run.ReadsServedBy("replica2") > 0, "read-your-writes sent no read to any replica");
    }

    [Fact]
    public async Task Writes_are_never_routed_to_a_replica()
    {
        var roundRobin = await RunAsync("round-robin");

        Assert.True(roundRobin.Writes > 20, $"only {roundRobin.Writes} writes ran");
        Assert.Equal(roundRobin.Writes, roundRobin.WritesServedBy("primary"));
    }

    private async Task<RunSummary> RunAsync(string policy)
    {
        var topology = fixture.Topology;
        ulong seededLsn;
        await using (var primary = new NpgsqlConnection(topology.Primary.ConnectionString))
        {
            await primary.OpenAsync(Token);
            await WorkloadSchema.CreateAsync(primary, Token);
            seededLsn = (await WorkloadSeeder.SeedAsync(primary, SeedRows, Token)).Lsn;
        }

        foreach (var replica in topology.Replicas)
        {
            await using var connection = new NpgsqlConnection(replica.ConnectionString);
            await connection.OpenAsync(Token);
            Assert.True(await ReplayCatchUp.WaitAsync(connection, seededLsn, TimeSpan.FromSeconds(30), Token));
        }

        await using var router = new Router(topology, RoutingPolicySpec.Parse(policy));
        using var stopMonitor = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var monitor = new ReplicaMonitor(topology, router.Board).RunAsync(stopMonitor.Token);

        var acknowledged = new AcknowledgedVersions(SeedRows);
        // A small hot set so that reads keep meeting keys written a moment ago.
        var keys = KeyChooser.HotSet(SeedRows, 0.01, 90);
        var sessions = await Task.WhenAll(Enumerable.Range(1, 2).Select(id => RunSessionAsync(router, id, keys, acknowledged)));

        await stopMonitor.CancelAsync();
        await monitor.ContinueWith(_ => { }, TaskScheduler.Default);
        return new RunSummary(router.Counts(), sessions);
    }

    private static async Task<WorkloadSession> RunSessionAsync(Router router, int id, KeyChooser keys, AcknowledgedVersions acknowledged)
    {
        InsertKeyRange insertKeys;
        await using (var primary = await router.DataSource(0).OpenConnectionAsync(Token))
        {
            insertKeys = await InsertKeyRange.ReserveAsync(primary, Token);
        }

        var routing = new RoutingSession(id);
        var session = new WorkloadSession(id, WorkloadMix.FromName("write-heavy"), keys, insertKeys, acknowledged, new Random(id));
        await using var connections = router.CreateSessionConnections(routing);
        var commands = new Dictionary<NpgsqlConnection, WorkloadCommands>();
        try
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < RunFor)
            {
                var planned = session.Next();
                var lease = await connections.AcquireAsync(planned.Kind, Token);
                if (!commands.TryGetValue(lease.Connection, out var onNode))
                {
                    onNode = commands[lease.Connection] = new WorkloadCommands(lease.Connection);
                }

                var outcome = await session.ExecuteAsync(planned, onNode, Token);
                connections.Complete(lease);
                if (planned.Kind == OperationKind.Write)
                {
                    routing.RecordWrite(outcome.CommitLsn);
                }
            }
        }
        finally
        {
            foreach (var c in commands.Values)
            {
                await c.DisposeAsync();
            }
        }

        return session;
    }

    private sealed record RunSummary(RoutingCounts Counts, IReadOnlyList<WorkloadSession> Sessions)
    {
        public long Reads => Sessions.Sum(s => s.Reads);

        public long Writes => Sessions.Sum(s => s.Writes);

        public long StaleReads => Sessions.Sum(s => s.StaleReads);

        public long ReadYourWritesViolations => Sessions.Sum(s => s.ReadYourWrites.Violations);

        public long ReadsOfOwnWrites => Sessions.Sum(s => s.ReadYourWrites.ReadsOfOwnWrites);

        public long ReadsServedBy(string node) => Counts.Node(node).Reads;

        public long WritesServedBy(string node) => Counts.Node(node).Writes;
    }
}
