using System.Diagnostics;
using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Measurement;
using ReplicaBench.Routing;
using ReplicaBench.Workload;

namespace ReplicaBench.IntegrationTests.Staleness;

/// <summary>
/// The routing and staleness pieces together, under a write load, on the shared topology whose
/// replica2 applies WAL 300 ms late: round-robin sends reads to replica2 and the per-read checks
/// catch it serving superseded versions, including a session's own writes; read-your-writes, fed
/// by the ReplicaMonitor's replay LSNs, never lets a session miss its own write;
/// bounded-staleness:100ms never serves a read older than its bound plus one sampling interval.
/// </summary>
public sealed class StalenessUnderWriteLoadTests(SharedTopologyFixture fixture)
{
    private const long SeedRows = 2_000;
    private static readonly TimeSpan RunFor = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(100);

    /// <summary>The bound's slack: the board's samples are up to one monitor interval old.</summary>
    private static readonly TimeSpan BoundWithSlack = Bound + new ReplicaMonitorOptions().Interval;

    /// <summary>Relative precision of the served-staleness histogram (3 significant digits).</summary>
    private const double ServedStalenessPrecision = 0.001;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Round_robin_records_stale_reads_and_own_write_misses_against_the_delayed_replica()
    {
        var run = await RunAsync("round-robin");

        Assert.True(run.Reads > 100, $"only {run.Reads} reads ran");
        Assert.True(run.ReadsServedBy("replica2") > 0, "round-robin sent no read to replica2");
        Assert.True(run.StaleReads > 0, $"no stale read in {run.Reads} reads");
        Assert.True(run.ReadYourWritesViolations > 0, $"no read-your-writes violation in {run.ReadsOfOwnWrites} reads of own writes");

        // The per-read check tells a 300 ms replica from a 100 ms bound (what the next test relies on).
        Assert.True(run.MaxStaleAgeServedBy("replica2") > BoundWithSlack, $"replica2's stalest read was only {run.MaxStaleAgeServedBy("replica2").TotalMilliseconds:0.#} ms old");
    }

    [Fact]
    public async Task Bounded_staleness_serves_no_replica_read_older_than_its_bound_plus_one_sampling_interval()
    {
        var run = await RunAsync($"bounded-staleness:{Bound.TotalMilliseconds}ms");

        var replicaReads = run.ReadsServedBy("replica1") + run.ReadsServedBy("replica2");
        Assert.True(replicaReads > 100, $"only {replicaReads} reads ran on replicas: the bound proved nothing");
        foreach (var replica in new[] { "replica1", "replica2" })
        {
            var stalest = run.MaxStaleAgeServedBy(replica);
            Assert.True(stalest <= BoundWithSlack, $"{replica} served a read {stalest.TotalMilliseconds:0.#} ms old under a {Bound.TotalMilliseconds} ms bound");
        }

        // What the cell reports: the staleness bound of every replica read, by the board.
        var served = run.Served.Total;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"replica reads {replicaReads} (replica2 {run.ReadsServedBy("replica2")}); stalest read replica1 {run.MaxStaleAgeServedBy("replica1").TotalMilliseconds:0.#} ms, "
            + $"replica2 {run.MaxStaleAgeServedBy("replica2").TotalMilliseconds:0.#} ms; served staleness bound p50 {served.P50Ms:0.###} p99 {served.P99Ms:0.###} max {served.MaxMs:0.###} ms");
        Assert.Equal(replicaReads, served.Reads + served.Unbounded);
        Assert.Equal(0, served.Unbounded);
        Assert.True(served.P99Ms <= BoundWithSlack.TotalMilliseconds, $"served-staleness p99 {served.P99Ms:0.###} ms, max {served.MaxMs:0.###} ms");
        // The recorder's histogram keeps 3 significant digits: a bound just under 100 ms can come back
        // as its bucket's top, up to 0.1% above (100.031 ms seen), so the tolerance is that precision.
        Assert.True(
            served.MaxMs <= Bound.TotalMilliseconds * (1 + ServedStalenessPrecision),
            $"a read was routed to a replica whose bound was {served.MaxMs:0.###} ms");
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

        var board = new NodeStateBoard(topology.Replicas.Count);
        var served = new ServedStalenessRecorder(board, TimeProvider.System);
        await using var router = new Router(topology, RoutingPolicySpec.Parse(policy), board: board);
        using var stopMonitor = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var monitor = new ReplicaMonitor(topology, router.Board).RunAsync(stopMonitor.Token);

        var acknowledged = new AcknowledgedVersions(SeedRows);
        // A small hot set so that reads keep meeting keys written a moment ago.
        var keys = KeyChooser.HotSet(SeedRows, 0.01, 90);
        var stalest = new long[router.Nodes.Count];
        var sessions = await Task.WhenAll(Enumerable.Range(1, 2).Select(id => RunSessionAsync(router, id, keys, acknowledged, stalest, served)));

        await stopMonitor.CancelAsync();
        await monitor.ContinueWith(_ => { }, TaskScheduler.Default);
        return new RunSummary(router.Counts(), sessions, stalest, served.Summary([.. topology.Replicas.Select(r => r.Name)]));
    }

    /// <param name="stalest">Per node, the oldest stale read it served (Stopwatch ticks), kept by every session.</param>
    /// <param name="served">Records each replica read's staleness bound at its routing decision, as a load run's virtual users do.</param>
    private static async Task<WorkloadSession> RunSessionAsync(
        Router router, int id, KeyChooser keys, AcknowledgedVersions acknowledged, long[] stalest, ServedStalenessRecorder served)
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
                var bound = served.BoundFor(planned.Kind, lease.Decision);
                if (!commands.TryGetValue(lease.Connection, out var onNode))
                {
                    onNode = commands[lease.Connection] = new WorkloadCommands(lease.Connection);
                }

                var outcome = await session.ExecuteAsync(planned, onNode, Token);
                connections.Complete(lease);
                served.RecordServed(lease.Decision, bound);
                InterlockedMax(ref stalest[lease.NodeIndex], outcome.MaxStaleAgeTicks);
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

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    private sealed record RunSummary(RoutingCounts Counts, IReadOnlyList<WorkloadSession> Sessions, long[] StalestTicks, ServedStaleness Served)
    {
        public long Reads => Sessions.Sum(s => s.Reads);

        public long Writes => Sessions.Sum(s => s.Writes);

        public long StaleReads => Sessions.Sum(s => s.StaleReads);

        public long ReadYourWritesViolations => Sessions.Sum(s => s.ReadYourWrites.Violations);

        public long ReadsOfOwnWrites => Sessions.Sum(s => s.ReadYourWrites.ReadsOfOwnWrites);

        public long ReadsServedBy(string node) => Counts.Node(node).Reads;

        public long WritesServedBy(string node) => Counts.Node(node).Writes;

        /// <summary>The oldest stale read <paramref name="node"/> served, by the per-read check (0 when none was stale).</summary>
        public TimeSpan MaxStaleAgeServedBy(string node) =>
            Stopwatch.GetElapsedTime(0, StalestTicks[Counts.Nodes.ToList().FindIndex(n => n.Name == node)]);
    }
}
