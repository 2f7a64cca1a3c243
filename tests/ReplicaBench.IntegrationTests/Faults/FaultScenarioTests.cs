using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.LoadTests;
using ReplicaBench.Routing;
using ReplicaBench.Runs;
using ReplicaBench.Runs.Faults;

namespace ReplicaBench.IntegrationTests.Faults;

/// <summary>
/// Fault scenarios on real servers, each on a small topology the matrix runner provisions for
/// itself (never the shared one: these kill, pause and promote nodes). Short cells with the faults
/// a couple of seconds in keep the three tests to about a minute.
/// </summary>
public sealed class FaultScenarioTests : IDisposable
{
    private const int VirtualUsers = 4;

    private readonly string _output = Directory.CreateTempSubdirectory("rb-it-faults-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task Killing_one_of_two_replicas_costs_only_the_operations_in_flight_on_it_and_reads_carry_on_on_the_other()
    {
        var cell = Assert.Single(await RunAsync(new ReadHeavyScenario(), "replica-kill@2s,replica-restart@4500ms", TimeSpan.FromSeconds(9), RoutingPolicySpec.RoundRobin));

        Assert.False(cell.Result.IsPartial);
        var kill = cell.Faults![0];
        var restart = cell.Faults[1];
        Assert.Null(kill.Error);
        Assert.Null(restart.Error);
        Assert.InRange(kill.Errors, 1, VirtualUsers);
        Assert.All(kill.ErrorsByKind.Keys, kind => Assert.Contains(kind, new[] { "connection-lost", "connection-refused" }));
        Assert.Equal(kill.Errors, cell.Result.Nodes.Single(n => n.Name == "replica1").Stats.Failed);
        Assert.Equal(0, cell.Result.Nodes.Where(n => n.Name != "replica1").Sum(n => n.Stats.Failed));
        Assert.True(kill.ReadsRedirected > 0, "reads meant for replica1 must go elsewhere while it is down");
        Assert.All(Seconds(cell, from: 3, to: 4), second => Assert.True(Succeeded(second.ByNode, "replica2") > 0, $"replica2 served nothing in the second starting {second.Start}"));
        Assert.Equal(0, restart.Errors);
        // The restart returns once replica1 streams (about 1 s); the router's recheck (every 2 s) then
        // brings it back, so the last second of the run is the first one certain to include it.
        Assert.True(Succeeded(Seconds(cell, from: 8, to: 9).Single().ByNode, "replica1") > 0, "replica1 must serve reads again after its restart");
    }

    [Fact]
    public async Task A_failover_has_a_finite_write_unavailability_and_writes_succeed_on_the_new_primary_afterwards()
    {
        var cell = Assert.Single(await RunAsync(new BalancedScenario(), "failover@2s", TimeSpan.FromSeconds(7), RoutingPolicySpec.RoundRobin));

        var failover = Assert.Single(cell.Faults!);
        Assert.Null(failover.Error);
        Assert.Equal("replica1", failover.Promoted);
        Assert.Empty(failover.LeftOut);
        Assert.NotNull(failover.WriteUnavailableMs);
        Assert.InRange(failover.WriteUnavailableMs.Value, 1, 15_000);
        Assert.True(failover.Errors > 0, "writes to the fenced primary must fail, counted");
        foreach (var second in Seconds(cell, from: 6, to: 7))
        {
            Assert.True(Succeeded(second.ByOperation, "insert") + Succeeded(second.ByOperation, "update") > 0, "writes must succeed on the new primary");
            Assert.True(Succeeded(second.ByNode, "replica2") > 0, "replica2 must serve reads, following the new primary");
            Assert.Equal(0, second.Failed);
        }
    }

    [Fact]
    public async Task A_replay_pause_sends_bounded_staleness_reads_to_the_primary_while_round_robin_reads_go_stale()
    {
        var bounded = RoutingPolicySpec.Parse("bounded-staleness:100ms");
        // One replica: with a second one in reach, bounded-staleness would move the reads there instead.
        var cells = await RunAsync(new BalancedScenario(), "replay-pause@1s,replay-resume@4s", TimeSpan.FromSeconds(6), bounded, RoutingPolicySpec.RoundRobin, replicas: 1);

        var pausedUnderBound = cells.Single(c => c.Policy == bounded.Name).Faults![0];
        var pausedUnderRoundRobin = cells.Single(c => c.Policy == "round-robin").Faults![0];
        Assert.True(pausedUnderBound.ReadsRedirectedToPrimary > 0, "bounded-staleness must send reads meant for the paused replica to the primary");
        Assert.Equal(0, pausedUnderRoundRobin.ReadsRedirectedToPrimary);
        Assert.True(pausedUnderRoundRobin.StaleReads > 0, "round-robin must record stale reads from the paused replica");
        Assert.True(pausedUnderBound.StaleReads < pausedUnderRoundRobin.StaleReads, $"bounded-staleness read {pausedUnderBound.StaleReads} stale rows, round-robin {pausedUnderRoundRobin.StaleReads}");
        Assert.All(cells, c => Assert.Equal(0, c.Result.Total.Failed));
    }

    private Task<IReadOnlyList<MatrixCell>> RunAsync(IWorkloadScenario scenario, string faults, TimeSpan duration, RoutingPolicySpec policy) =>
        RunAsync(scenario, faults, duration, policy, null, replicas: 2);

    private async Task<IReadOnlyList<MatrixCell>> RunAsync(
        IWorkloadScenario scenario, string faults, TimeSpan duration, RoutingPolicySpec policy, RoutingPolicySpec? other, int replicas)
    {
        PostgresRequirement.Ensure();
        var schedule = FaultSchedule.Parse([faults]);
        schedule.Validate(duration, replicas);
        var settings = new LoadMatrixSettings
        {
            Scenario = scenario,
            Replicas = [replicas],
            Policies = other is null ? [policy] : [policy, other],
            Load = LoadShape.Closed(VirtualUsers),
            Duration = duration,
            WarmUp = TimeSpan.FromSeconds(1),
            FirstCellExtraWarmUp = TimeSpan.Zero,
            SeedRows = 500,
            Faults = schedule,
            OutputDirectory = _output,
            SettingsForResults = new Dictionary<string, object?> { ["faults"] = faults },
        };

        var progress = new StepRecorder();
        var outcome = await LoadMatrixRunner.RunAsync(settings, progress, TimeProvider.System, Token);

        Assert.True(outcome.Complete);
        // The router's warning is read once the replica monitor has fed the board; read before that,
        // lag-routed policies warned "no replica lag has been sampled" at the start of every cell.
        Assert.DoesNotContain(progress.Steps, s => s.Contains("has been sampled", StringComparison.Ordinal));
        Assert.All(outcome.Cells, c => Assert.Equal(schedule.Faults.Count, c.Faults!.Count));
        return outcome.Cells;
    }

    /// <summary>The measured seconds that start in [from, to), on the measured-window axis.</summary>
    private static List<TimeSeriesPoint> Seconds(MatrixCell cell, double from, double to) =>
    [
        .. cell.Result.TimeSeries.Where(p =>
            p.Phase == RunPhase.Measurement
            && (p.Start - cell.Result.WarmUpDuration).TotalSeconds >= from - 0.001
            && (p.Start - cell.Result.WarmUpDuration).TotalSeconds < to - 0.001),
    ];

    private static long Succeeded(IReadOnlyList<SeriesBreakdown> rows, string name) => rows.Where(r => r.Name == name).Sum(r => r.Succeeded);

    /// <summary>Keeps the runner's step lines; the rest of the progress is not looked at.</summary>
    private sealed class StepRecorder : IMatrixProgress
    {
        public List<string> Steps { get; } = [];

        public void Step(string message)
        {
            lock (Steps)
            {
                Steps.Add(message);
            }
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
