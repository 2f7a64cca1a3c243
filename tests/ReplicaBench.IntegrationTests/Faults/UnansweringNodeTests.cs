using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.IntegrationTests.Routing;
using ReplicaBench.LoadTests;
using ReplicaBench.Routing;
using ReplicaBench.Runs;
using ReplicaBench.Runs.Faults;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Faults;

/// <summary>
/// Known answers for nodes that stop answering while a cell runs, on topologies of the tests' own:
/// a replica frozen with SIGSTOP, a replica whose port goes silent (a TCP proxy that stops
/// forwarding), a primary killed. With a 2 s operation timeout, no virtual user waits longer than
/// that, the replica monitor takes the silent replica out of rotation within its 1 s poll, the
/// cell finishes, and the errors are counted by kind on the node that caused them.
/// </summary>
/// <remarks>
/// Tolerances, stated once: an operation lasts at most the timeout + 0.5 s, whatever the node does
/// (the statement in flight is abandoned at the deadline, see StatementRace; the 0.5 s is for the
/// deadline's timer and the thread pool on a loaded 2-core machine; Npgsql's cancel request, which
/// waits 2 × its connect timeout on a frozen server, no longer counts); a stall (seconds with no
/// successful operation) lasts at most as long, since the operations caught on the silent node end
/// within that bound and the others find the node out of rotation; no operation goes to the node
/// once the monitor has missed its answer (1 s) and the last ones have ended; the throughput while a
/// replica is out is at least a quarter of before, once the stall is over (the remaining replica has
/// the same capacity, so it is about the same; the margin is for a machine shared with other work).
/// </remarks>
public sealed class UnansweringNodeTests : IDisposable
{
    private const int VirtualUsers = 4;
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MonitorNotice = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(500);

    private readonly string _output = Directory.CreateTempSubdirectory("rb-it-silent-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task A_replica_frozen_for_10_s_stalls_nobody_beyond_the_op_timeout_and_reads_go_around_it()
    {
        PostgresRequirement.Ensure();
        var schedule = FaultSchedule.Parse(["replica-freeze@3s,replica-thaw@13s"]);
        var progress = new CellWatch();
        var frozen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<TimedStatement>? statement = null;
        progress.OnMeasuredSecond = t =>
        {
            if (t == 1 && progress.StateDirectory is { } state)
            {
                statement = TimeAStatementOnASilentReplicaAsync(state.Read(), "replica1", frozen.Task);
            }
            else if (t == 4)
            {
                frozen.TrySetResult();
            }
        };

        var outcome = await LoadMatrixRunner.RunAsync(Settings(schedule, TimeSpan.FromSeconds(16), replicas: [2], new PointReadScenario()), progress, TimeProvider.System, Token)
            .WaitAsync(TimeSpan.FromMinutes(2), Token);

        var cell = Assert.Single(outcome.Cells);
        Assert.True(outcome.Complete);
        Assert.False(cell.Result.IsPartial);
        var freeze = cell.Faults![0];
        Assert.Null(freeze.Error);
        Assert.Null(cell.Faults[1].Error);
        AssertSilentReplicaCosts(cell, "replica1", silentFrom: 3, silentTo: 13, freeze.Errors);
        Assert.Equal(["timeout"], freeze.ErrorsByKind.Keys);

        // Thawed, it answers the monitor's next poll and takes reads again.
        Assert.True(Succeeded(Seconds(cell, 15, 16).Single().ByNode, "replica1") > 0, "replica1 must serve reads again after its thaw");

        // The failures' latencies are in no histogram: one statement, timed on its own, gives the figure.
        Assert.NotNull(statement);
        AssertEndedAtTheDeadline(await statement);
    }

    private static void AssertEndedAtTheDeadline(TimedStatement timed)
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"one statement on the silent replica ended after {timed.Elapsed.TotalMilliseconds:0} ms as {timed.Failure.Kind}");
        Assert.InRange(timed.Elapsed, OperationTimeout - TimeSpan.FromMilliseconds(50), OperationTimeout + Tolerance);
        Assert.Equal(OperationFailureKind.Timeout, timed.Failure.Kind);
        Assert.Equal("replica1", timed.Failure.NodeName);
        Assert.True(timed.Abandoned, "the user must be told its connection was abandoned");
        Assert.Equal(OperationFailureKind.Timeout, timed.NextOpen);
        Assert.True(timed.Drained, "the abandoned statement must end by itself within its lifetime");
        Assert.True((timed.Connection.FullState & System.Data.ConnectionState.Open) == 0, $"the abandoned connection must be closed, not pooled open: {timed.Connection.FullState}");
    }

    /// <summary>
    /// Opens a connection to <paramref name="replica"/> while it answers, then, once it is silent, times one
    /// statement on it raced against the 2 s deadline, and waits for the abandoned statement to end.
    /// </summary>
    private static async Task<TimedStatement> TimeAStatementOnASilentReplicaAsync(TopologyDescriptor topology, string replica, Task silent)
    {
        var oneReplica = topology with { Nodes = [topology.Nodes[0], topology.FindNode(replica)!] };
        await using var router = new Router(oneReplica, RoutingPolicySpec.RoundRobin, new RouterOptions { OperationTimeout = OperationTimeout });
        await using var connections = router.CreateSessionConnections(new RoutingSession(1));
        connections.Complete(await connections.AcquireAsync(OperationKind.Read, Token));
        await silent;

        var lease = await connections.AcquireAsync(OperationKind.Read, Token);
        var command = new NpgsqlCommand("SELECT 1", lease.Connection);
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await connections.RaceAsync(new ValueTask<object?>(command.ExecuteScalarAsync(connections.OperationToken)), lease, command);
            throw new InvalidOperationException("a silent replica answered");
        }
        catch (TimeoutException ex)
        {
            var elapsed = started.Elapsed;
            var failure = connections.Fail(lease, ex);
            var abandoned = connections.LastConnectionAbandoned;

            // The user's next operation must open a new connection (which the silent node does not
            // answer either, so it ends at the connect timeout), never be handed the abandoned one.
            var next = await Assert.ThrowsAsync<OperationFailedException>(async () => connections.Complete(await connections.AcquireAsync(OperationKind.Read, Token)));
            var drained = await router.Abandoned.WaitUntilNoneAsync(OperationTimeout);
            return new TimedStatement(elapsed, failure, abandoned, next.Failure.Kind, drained, lease.Connection);
        }
    }

    private sealed record TimedStatement(TimeSpan Elapsed, OperationFailure Failure, bool Abandoned, OperationFailureKind NextOpen, bool Drained, NpgsqlConnection Connection);

    [Fact]
    public async Task A_replica_whose_port_stops_answering_for_8_s_stalls_nobody_beyond_the_op_timeout()
    {
        PostgresRequirement.Ensure();
        using var folders = new OwnTopologyFolders();
        var real = await TopologyLifecycle.UpAsync(new LocalTopologyProvider(TimeProvider.System, folders.DataParent), new TopologyRequest(2), folders.State, Token);
        var proxied = new TopologyStateDirectory(Path.Combine(folders.State.Path, "proxied"));
        try
        {
            // The run reaches replica1 only through a proxy the test silences from t=2 s to t=10 s.
            await using var proxy = new TcpForwarder(FreeTcpPorts.Take(1)[0], real.FindNode("replica1")!.Port);
            proxy.Start();
            proxied.EnsureWritable();
            proxied.Write(Through(real, "replica1", proxy.ListenPort));
            var silenced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task<TimedStatement>? statement = null;
            var progress = new CellWatch
            {
                OnMeasuredSecond = t =>
                {
                    proxy.Silent = t is >= 2 and < 10;
                    if (t == 1)
                    {
                        statement = TimeAStatementOnASilentReplicaAsync(proxied.Read(), "replica1", silenced.Task);
                    }
                    else if (t == 3)
                    {
                        silenced.TrySetResult();
                    }
                },
            };

            var outcome = await LoadMatrixRunner.RunAsync(Settings(FaultSchedule.None, TimeSpan.FromSeconds(12), replicas: null, new PointReadScenario()) with { StateDirectory = proxied }, progress, TimeProvider.System, Token)
                .WaitAsync(TimeSpan.FromMinutes(2), Token);

            var cell = Assert.Single(outcome.Cells);
            Assert.False(cell.Result.IsPartial);
            var replica1 = cell.Result.Nodes.Single(n => n.Name == "replica1").Stats;
            AssertSilentReplicaCosts(cell, "replica1", silentFrom: 2, silentTo: 10, replica1.Failed);
            Assert.Equal(["timeout"], replica1.ErrorsByKind.Keys);
            Assert.NotNull(statement);
            AssertEndedAtTheDeadline(await statement);
        }
        finally
        {
            proxied.Delete();
            await TopologyLifecycle.DownAsync(folders.State, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_primary_killed_mid_cell_ends_its_operations_as_counted_errors_and_the_cell_finishes()
    {
        PostgresRequirement.Ensure();
        var progress = new CellWatch();
        progress.OnMeasuredSecond = t =>
        {
            if (t == 3 && progress.StateDirectory is { } state)
            {
                // A crash: SIGKILL to the postmaster and every backend, no shutdown of any kind.
                var postmaster = state.Read().Local!.PostmasterPids["primary"];
                foreach (var pid in new[] { postmaster }.Concat(ServerProcessSignals.Descendants(postmaster)))
                {
                    using var kill = System.Diagnostics.Process.Start("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                    kill.WaitForExit();
                }
            }
        };

        var outcome = await LoadMatrixRunner.RunAsync(Settings(FaultSchedule.None, TimeSpan.FromSeconds(8), replicas: [1], new ReadHeavyScenario()), progress, TimeProvider.System, Token)
            .WaitAsync(TimeSpan.FromMinutes(2), Token);

        var cell = Assert.Single(outcome.Cells);
        Assert.NotNull(progress.StateDirectory);
        Assert.False(progress.StateDirectory.HasTopology, "the run takes its topology down, dead primary and all");
        Assert.False(cell.Result.IsPartial);
        var primary = cell.Result.Nodes.Single(n => n.Name == "primary").Stats;
        Assert.True(primary.Failed > 0, "writes after the kill must fail, counted on the primary");
        Assert.All(primary.ErrorsByKind.Keys, kind => Assert.Contains(kind, new[] { "connection-lost", "connection-refused", "timeout" }));
        Assert.Equal(0, cell.Result.Nodes.Where(n => n.Name != "primary").Sum(n => n.Stats.Failed));
        Assert.InRange(cell.Result.Total.Latency.Max, 0, (long)(OperationTimeout + Tolerance).TotalMicroseconds);
        Assert.All(Seconds(cell, 4, 8), second => Assert.True(Succeeded(second.ByNode, "replica1") > 0, $"replica1 must keep serving reads (second from {second.Start})"));
    }

    private static void AssertSilentReplicaCosts(MatrixCell cell, string replica, int silentFrom, int silentTo, long errorsInWindow)
    {
        var nodes = cell.Result.Nodes;
        var failed = nodes.Single(n => n.Name == replica).Stats.Failed;
        Assert.InRange(errorsInWindow, 1, 2 * VirtualUsers);
        Assert.Equal(cell.Result.Total.Failed, failed);
        Assert.Equal(0, nodes.Where(n => n.Name != replica).Sum(n => n.Stats.Failed));
        Assert.InRange(cell.Result.Total.Latency.Max, 0, (long)(OperationTimeout + Tolerance).TotalMicroseconds);

        var measured = Seconds(cell, 0, 1_000);
        TestContext.Current.TestOutputHelper?.WriteLine($"{replica} silent [{silentFrom}, {silentTo}) s; series: {Describe(measured)}");
        var stalled = measured.Where(s => s.Succeeded == 0).Select(s => (s.End - cell.Result.WarmUpDuration).TotalSeconds).ToList();
        Assert.True(StalledSeconds.LongestRun(stalled) <= (int)(OperationTimeout + Tolerance).TotalSeconds, $"stalled seconds {string.Join(",", stalled)}; series: {Describe(measured)}");

        var before = Seconds(cell, 0, silentFrom).Average(s => s.Throughput);
        // Operations may still set out for the node until the monitor misses its answer (1 s), and each ends within the bound.
        var settled = silentFrom + (int)(MonitorNotice + OperationTimeout + Tolerance).TotalSeconds;
        foreach (var second in Seconds(cell, settled, silentTo))
        {
            Assert.True(second.Throughput >= before / 4, $"throughput {second.Throughput:0}/s in the second from {second.Start} fell below a quarter of {before:0}/s before; series: {Describe(measured)}");
            Assert.True(Succeeded(second.ByNode, replica) + Failed(second.ByNode, replica) == 0, $"{replica} was still given operations in the second from {second.Start}; series: {Describe(measured)}");
        }
    }

    private LoadMatrixSettings Settings(FaultSchedule faults, TimeSpan duration, IReadOnlyList<int>? replicas, IWorkloadScenario scenario)
    {
        foreach (var count in replicas ?? [])
        {
            faults.Validate(duration, count);
        }

        return new LoadMatrixSettings
        {
            Scenario = scenario,
            Replicas = replicas,
            Policies = [RoutingPolicySpec.RoundRobin],
            Load = LoadShape.Closed(VirtualUsers),
            Duration = duration,
            WarmUp = TimeSpan.FromSeconds(1),
            FirstCellExtraWarmUp = TimeSpan.Zero,
            OperationTimeout = OperationTimeout,
            SeedRows = 500,
            Faults = faults,
            VisibilityProbeSpacing = null,
            OutputDirectory = _output,
            SettingsForResults = new Dictionary<string, object?>(),
        };
    }

    private static TopologyDescriptor Through(TopologyDescriptor topology, string node, int port) => topology with
    {
        Nodes = [.. topology.Nodes.Select(n => n.Name != node ? n : n with
        {
            Port = port,
            ConnectionString = new NpgsqlConnectionStringBuilder(n.ConnectionString) { Port = port }.ConnectionString,
        })],
    };

    /// <summary>The measured seconds that start in [from, to), on the measured-window axis.</summary>
    private static List<TimeSeriesPoint> Seconds(MatrixCell cell, double from, double to) =>
    [
        .. cell.Result.TimeSeries.Where(p =>
            p.Phase == RunPhase.Measurement
            && (p.Start - cell.Result.WarmUpDuration).TotalSeconds >= from - 0.001
            && (p.Start - cell.Result.WarmUpDuration).TotalSeconds < to - 0.001),
    ];

    /// <summary>Each second's successes and failures per node, for a failure message.</summary>
    private static string Describe(IEnumerable<TimeSeriesPoint> seconds) => string.Join(" | ", seconds.Select(s =>
        $"{s.End.TotalSeconds:0.0}: " + string.Join(" ", s.ByNode.Select(n => $"{n.Name} {n.Succeeded}/{n.Failed}")) + " " + string.Join(",", s.ErrorsByKind.Select(k => $"{k.Key}={k.Value}"))));

    private static long Succeeded(IReadOnlyList<SeriesBreakdown> rows, string name) => rows.Where(r => r.Name == name).Sum(r => r.Succeeded);

    private static long Failed(IReadOnlyList<SeriesBreakdown> rows, string name) => rows.Where(r => r.Name == name).Sum(r => r.Failed);

    /// <summary>
    /// Tells a test each measured second as it ends (t on the measured-window axis, whole seconds),
    /// and remembers the state dir of the topology the run provisioned.
    /// </summary>
    private sealed class CellWatch : IMatrixProgress
    {
        private const string StateDirMarker = " in state dir ";

        public Action<int>? OnMeasuredSecond { get; set; }

        public TopologyStateDirectory? StateDirectory { get; private set; }

        public void Step(string message)
        {
            var at = message.IndexOf(StateDirMarker, StringComparison.Ordinal);
            if (message.StartsWith("provisioning", StringComparison.Ordinal) && at > 0)
            {
                var rest = message[(at + StateDirMarker.Length)..];
                StateDirectory = new TopologyStateDirectory(rest[..rest.IndexOf(' ', StringComparison.Ordinal)]);
            }
        }

        public void CellStarted(string cellId, int index, int cellCount, TimeSpan warmUp, TimeSpan duration)
        {
            _warmUp = warmUp;
        }

        public void Interval(TimeSeriesPoint point, IReadOnlyDictionary<string, double> replayLagMs)
        {
            if (point.Phase == RunPhase.Measurement)
            {
                OnMeasuredSecond?.Invoke((int)Math.Round((point.End - _warmUp).TotalSeconds));
            }
        }

        public void CellFinished(MatrixCell cell)
        {
        }

        private TimeSpan _warmUp;
    }
}
