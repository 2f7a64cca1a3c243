using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Measurement.Conflicts;
using ReplicaBench.Routing;
using ReplicaBench.Runs;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;
using ReplicaBench.Topology.Settings;
using ReplicaBench.Workload.LongReads;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>
/// The hot-standby trade-off through the real load path: <see cref="LoadMatrixRunner"/> runs the
/// <c>long-reads</c> scenario as the pair <c>--hot-standby-feedback off,on</c> on one topology of its
/// own (primary + 1 replica, <c>max_standby_streaming_delay = 0</c> from <c>topology up</c>'s replica
/// settings). Off: the primary's vacuums cancel long reads on the replica as snapshot conflicts, and
/// the client's count equals the replica's <c>pg_stat_database_conflicts</c> delta. On: none is
/// cancelled, and the primary keeps the dead tuples. Afterwards the replica runs with its own setting again.
/// </summary>
public sealed class LongReadsConflictTests : IDisposable
{
    /// <summary>Each read holds its snapshot for 1 s; the primary updates and vacuums once a second for the 2 s window.</summary>
    private static readonly TimeSpan LongRead = TimeSpan.FromSeconds(1);

    private readonly OwnTopologyFolders _folders = new();
    private readonly string _output = Directory.CreateTempSubdirectory("rb-it-long-reads-").FullName;

    public LongReadsConflictTests()
    {
        PostgresRequirement.Ensure();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _folders.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public async Task With_feedback_off_the_vacuums_cancel_long_reads_counted_alike_by_client_and_replica_and_with_it_on_none_and_the_primary_keeps_the_dead_tuples()
    {
        var request = new TopologyRequest(1) { ServerSettings = ServerSettingsPlan.Parse(null, ["max_standby_streaming_delay=0"]) };
        var topology = await TopologyLifecycle.UpAsync(new LocalTopologyProvider(TimeProvider.System, _folders.DataParent), request, _folders.State, Token);
        var feedbackBefore = await FeedbackAsync(topology.Replicas[0]);

        var outcome = await LoadMatrixRunner.RunAsync(Settings(), new Silent(), TimeProvider.System, Token);

        var (off, on) = (outcome.Cells[0], outcome.Cells[1]);
        TestContext.Current.TestOutputHelper?.WriteLine($"{Describe(off)}\n{Describe(on)}");
        Assert.Equal(["r1-round-robin-hsf-off", "r1-round-robin-hsf-on"], outcome.Cells.Select(c => c.Id));
        var offFigures = off.Conflicts!;
        var onFigures = on.Conflicts!;

        // Off: every vacuum's replay removes row versions the running reads' snapshots still need, and
        // with no delay allowed, replay cancels them at once. The two counts cannot differ here:
        // - no conflict before the window: no warm-up, and the primary writes in the window only;
        // - none after it: the graceful stop (the 2 s operation timeout) outlasts every 1 s read in
        //   flight, so each ends, completed or cancelled, inside the window the client counts; the
        //   cell then closes the long reads' sessions, each reporting its conflicts as it exits, and
        //   reads the replica's count once it has been quiet for 1 s (an idle session could hold
        //   them back for 10 s);
        // - a read lost to recovery is a cancelled statement or a terminated session, each counted by both;
        // - the replica's other sessions (the replica monitor, the lag sampler) hold a snapshot for
        //   about a millisecond, while a vacuum's conflict needs one taken before the update it cleans
        //   up was replayed and still held when the vacuum is, tens of milliseconds later.
        Assert.True(offFigures.Client.Snapshot >= 1, $"off: no long read was cancelled; {Describe(off)}");
        Assert.Equal(offFigures.Client, offFigures.Server);
        Assert.Equal(off.Result.Total.Failed, offFigures.Client.Total);
        Assert.Equal(offFigures.Client.Snapshot, off.Result.Total.ErrorsByKind.GetValueOrDefault(ConflictErrorKinds.Of(ConflictKind.Snapshot)));
        Assert.Equal(false, off.HotStandbyFeedback);

        // On: the replica's feedback holds the primary's vacuum back: nothing cancelled, client or server ...
        Assert.Equal(ConflictCounts.Zero, onFigures.Client);
        Assert.Equal(ConflictCounts.Zero, onFigures.Server);
        Assert.Equal(0, on.Result.Total.Failed);
        Assert.Equal(true, on.HotStandbyFeedback);
        // ... each read lasted its length (pg_sleep gives at least 1 s; 3 s is a generous bound on a busy machine) ...
        Assert.InRange(on.Result.Total.Latency.P50, (long)LongRead.TotalMicroseconds, 3_000_000L);
        // ... and the primary's last vacuum had to keep at least one update's dead row versions, where off it kept fewer.
        Assert.True(onFigures.Table.After.DeadTuples >= LongReadTable.Rows, $"on: {onFigures.Table.After.DeadTuples} dead tuples kept, expected at least {LongReadTable.Rows}");
        Assert.True(onFigures.Table.After.DeadTuples > offFigures.Table.After.DeadTuples, $"dead tuples after: on {onFigures.Table.After.DeadTuples}, off {offFigures.Table.After.DeadTuples}");
        Assert.True(onFigures.Table.After.SizeBytes > offFigures.Table.After.SizeBytes, $"table size after: on {onFigures.Table.After.SizeBytes}, off {offFigures.Table.After.SizeBytes}");

        // results.json has the same figures per cell.
        var written = ReplicaBench.Results.ResultsFile.Read(outcome.ResultsFile).Cells;
        Assert.Equal(["off", "on"], written.Select(c => c.HotStandbyFeedback));
        Assert.Equal(offFigures.Client.Snapshot, written[0].Conflicts!.Client.Snapshot);
        Assert.Equal(offFigures.Server.Snapshot, written[0].Conflicts!.Server.Snapshot);
        Assert.Equal(onFigures.Table.After.DeadTuples, written[1].PrimaryTable!.DeadTuplesAfter);

        // The topology's own setting is back (the local provider's postgresql.conf has it on).
        Assert.Equal(feedbackBefore, await FeedbackAsync(topology.Replicas[0]));
        await TopologyLifecycle.DownAsync(_folders.State, Token);
    }

    private LoadMatrixSettings Settings() => new()
    {
        Scenario = new LongReadsScenario(LongRead),
        Policies = [RoutingPolicySpec.RoundRobin],
        Load = LoadShape.Closed(2),
        Duration = TimeSpan.FromSeconds(2),
        WarmUp = TimeSpan.Zero,
        FirstCellExtraWarmUp = TimeSpan.Zero,
        OperationTimeout = LongRead + TimeSpan.FromSeconds(1),
        HotStandbyFeedback = [false, true],
        VisibilityProbeSpacing = null,
        StateDirectory = _folders.State,
        OutputDirectory = _output,
        SettingsForResults = new Dictionary<string, object?>(),
    };

    /// <summary>The replica's hot_standby_feedback and where it comes from, e.g. <c>on postgresql.conf</c>.</summary>
    private static async Task<string> FeedbackAsync(TopologyNode replica)
    {
        await using var connection = await NodeConnections.OpenAsync(replica, Token, b => b.Pooling = false);
        await using var command = new NpgsqlCommand("SELECT setting || ' ' || regexp_replace(sourcefile, '^.*/', '') FROM pg_settings WHERE name = 'hot_standby_feedback'", connection);
        return (string)(await command.ExecuteScalarAsync(Token))!;
    }

    private static string Describe(MatrixCell cell) =>
        $"{cell.Id}: ok {cell.Result.Total.Succeeded}, errors {string.Join(",", cell.Result.Total.ErrorsByKind.Select(k => $"{k.Key}={k.Value}"))}, p50 {cell.Result.Total.Latency.P50 / 1000:0} ms; " +
        $"client {cell.Conflicts?.Client}, server {cell.Conflicts?.Server}, dead tuples {cell.Conflicts?.Table.Before.DeadTuples} -> {cell.Conflicts?.Table.After.DeadTuples}, " +
        $"size {cell.Conflicts?.Table.Before.SizeBytes} -> {cell.Conflicts?.Table.After.SizeBytes} B, cycles {cell.Conflicts?.Table.Cycles}";

    private sealed class Silent : IMatrixProgress
    {
        public void Step(string message)
        {
        }

        public void CellStarted(string cellId, int index, int cellCount, TimeSpan warmUp, TimeSpan duration)
        {
        }

        public void Interval(TimeSeriesPoint point, IReadOnlyDictionary<string, double> replayLagMs)
        {
        }

        public void CellFinished(MatrixCell cell)
        {
        }
    }
}
