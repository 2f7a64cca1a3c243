using ReplicaBench.Engine;
using ReplicaBench.Engine.Memory;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Measurement;
using ReplicaBench.Results;
using ReplicaBench.Routing;
using ReplicaBench.Runs.Faults;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Emulation;
using ReplicaBench.Topology.Faults;
using ReplicaBench.Workload;
using ReplicaBench.Workload.Scripts;
using ReplicaBench.Workload.VirtualUsers;

namespace ReplicaBench.Runs;

/// <summary>
/// Runs one cell of the matrix: one policy on one provisioned topology, with the samplers, probes
/// and fault schedule that surround its load run, and turns what they measured into a
/// <see cref="MatrixCell"/>. The matrix loop (<see cref="LoadMatrixRunner"/>) owns the topology,
/// the seeding and the results file.
/// </summary>
internal static class MatrixCellRunner
{
    /// <summary>A cell's streamed files under the names results.json gives them, from their first line on (a run can be tailed).</summary>
    private static readonly RunFileNames CellFileNames = new("latency.hlog", "series.jsonl");

    internal static async Task<MatrixCell> RunAsync(
        LoadMatrixSettings settings,
        TopologyLease lease,
        RoutingPolicySpec policy,
        int repeat,
        bool? hotStandbyFeedback,
        int index,
        int cellCount,
        IMatrixProgress progress,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        // The state dir, not the lease: a fault schedule restarts servers (new pids) between cells.
        var topology = lease.Current();
        var replicas = topology.Replicas.Count;
        var id = MatrixCell.IdFor(replicas, policy.Name, repeat, hotStandbyFeedback);
        var cellDirectory = Path.Combine(settings.OutputDirectory, "cells", id);
        // The run's first cell also warms the load generator itself (JIT tiering, thread pool):
        // measured here, it needs about 6 s to reach its rate where later cells need about 3 s.
        var warmUp = ShardSchedule.WarmUpOf(settings, index);
        var plannedStart = ShardSchedule.PlannedStart(settings, index);
        Directory.CreateDirectory(cellDirectory);
        progress.CellStarted(id, index, cellCount, warmUp, settings.Duration);

        var board = new NodeStateBoard(replicas);
        using var observers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Lag samples count from here until the run says when it started (see LagTimeline).
        var observedFrom = timeProvider.GetTimestamp();
        var measuredFrom = observedFrom + (long)(warmUp.TotalSeconds * timeProvider.TimestampFrequency);
        var sampling = CellObservers.Start(topology, board, observedFrom, timeProvider, cancellationToken, sampleLag: settings.Shard is not { IsFirst: false });
        var external = new ExternalSamples(timeProvider);
        var tracker = settings.Faults.IsEmpty ? null : new FaultWindowTracker(settings.Faults.Faults.Count);
        FaultRunner? faults = null;
        var faulting = Task.CompletedTask;
        using var runEnded = new CancellationTokenSource();

        // Every user gets its connection on each node it uses (the preflight checked the servers have
        // room): a pool smaller than the users would make the rest wait for one and time out.
        var poolSize = Math.Max(new RouterOptions().MaximumPoolSize, settings.Load.VirtualUsers);
        var longReads = settings.Scenario is LongReadsScenario longReadsScenario
            ? await CellLongReads.PrepareAsync(topology, longReadsScenario, settings.Duration, settings.CatchUpTimeout, timeProvider, cancellationToken)
            : null;
        // Long reads tell a recovery conflict's kind by the error's detail, which Npgsql passes on only when asked.
        await using var router = new Router(
            topology, policy, new RouterOptions { TimeProvider = timeProvider, Observer = tracker, MaximumPoolSize = poolSize, OperationTimeout = settings.OperationTimeout, IncludeErrorDetail = longReads is not null }, board);
        if (await RouterWarningWait.SettledAsync(router, replicas, timeProvider, cancellationToken) is { } warning)
        {
            progress.Step(warning);
        }

        var servedStaleness = new ServedStalenessRecorder(board, timeProvider);
        var scriptWarnings = new ScriptWarnings();
        var scenario = longReads?.Load(router).WithGracefulStop(settings.OperationTimeout)
            ?? await WorkloadFor(settings, topology, router, servedStaleness, scriptWarnings, cancellationToken);
        scenario = scenario
            .WithRandomSeed(settings.RandomSeed ?? 0)
            .WithNodes(topology.NodeDefinitions())
            .WithLoad(settings.Load)
            .WithWarmUp(warmUp)
            .WithDuration(settings.Duration)
            .WithThresholds(settings.Thresholds.ToArray());
        if (tracker is not null)
        {
            faults = new FaultRunner(settings.Faults, TopologyFaults.For(lease.StateDirectory), tracker, FailoverHooks.For(topology, router, sampling, progress), timeProvider);
            faulting = faults.RunAsync(warmUp, runEnded.Token, cancellationToken);
        }

        var nodeCpu = new NodeCpuWindow(NodeCpuMeter.For(topology), timeProvider);
        await using var wal = await WalRateWindow.OpenAsync(topology.Primary, timeProvider, cancellationToken);
        long? runStarted = null;
        DateTimeOffset? startedAt = null;
        var options = new LoadRunOptions
        {
            TimeProvider = timeProvider,
            StartAt = plannedStart,
            OutputDirectory = cellDirectory,
            FileNames = CellFileNames,
            MetricsCell = id,
            Progress = new Progress(point => progress.Interval(point, sampling.LatestLag())),
            Samples = external,
            Started = timestamp =>
            {
                runStarted = timestamp;
                startedAt = timeProvider.GetUtcNow();
                servedStaleness.MeasureFrom(long.MaxValue); // the warm-up's reads count nowhere
                faults?.RunStarted(timestamp);
            },
            MeasurementStarted = timestamp =>
            {
                servedStaleness.MeasureFrom(timestamp);
                nodeCpu.Begin(timestamp);
                wal.Begin(timestamp);
                longReads?.MeasurementStarted();
            },
            MeasurementEnded = timestamp =>
            {
                nodeCpu.End(timestamp);
                wal.End(timestamp);
            },
        };

        // A sharded cell's load waits for its planned start: the probe (shard 1's) waits as long before its warm-up.
        var untilStart = plannedStart is { } planned && planned > timeProvider.GetUtcNow() ? planned - timeProvider.GetUtcNow() : TimeSpan.Zero;
        if (plannedStart is { } due && untilStart == TimeSpan.Zero)
        {
            progress.Step($"warning: {id} reached its planned start {due:HH:mm:ss.fff}Z late; it starts now, behind the other shards");
        }

        var visibilityTask = CellVisibilityProbe.StartAsync(topology, settings with { WarmUp = untilStart + warmUp }, timeProvider, observers.Token);
        LoadRunResult result;
        var memoryTask = ProcessMemorySampler.RunAsync(external, TimeSpan.FromSeconds(1), observers.Token);
        IReadOnlyList<CellVisibility> visibility = [];
        try
        {
            result = await LoadRunner.RunAsync(scenario, options, cancellationToken);
            visibility = await CellVisibilityProbe.CollectAsync(visibilityTask, topology, timeProvider, cancellationToken);
        }
        finally
        {
            // Faults not yet due are skipped; one in progress finishes (unless Ctrl+C cancels it too).
            await runEnded.CancelAsync();
            await IgnoreCancellation(faulting);
            if (faults is not null && cancellationToken.IsCancellationRequested)
            {
                // Interrupted: no restore follows, and a frozen server would hold up the teardown.
                await faults.ThawAsync();
            }
            await observers.CancelAsync();
            await IgnoreCancellation(visibilityTask);
            await memoryTask;
            await sampling.StopAsync();
        }

        IReadOnlyList<FaultResult>? windows = null;
        if (faults is not null && tracker is not null)
        {
            foreach (var problem in await faults.RestoreAsync(cancellationToken))
            {
                progress.Step(problem);
            }

            var measuredStart = faults.MeasuredStart ?? measuredFrom;
            windows = tracker.Build(settings.Faults, MeasuredSeconds(result), t => (t - measuredStart) / (double)timeProvider.TimestampFrequency);
        }

        // A backend reports its conflicts when it closes (an idle one may hold them back for 10 s):
        // the long reads' sessions close with the router's pools before the replicas' count is read.
        CellConflictFigures? conflicts = null;
        if (longReads is not null)
        {
            await router.DisposeAsync();
            conflicts = await longReads.FinishAsync(result);
        }

        var (histogramLog, series) = result.Files is null
            ? ((string?)null, (string?)null)
            : ($"cells/{id}/{CellFileNames.IntervalLog}", $"cells/{id}/{CellFileNames.Series}");
        return new MatrixCell(
            id,
            replicas,
            policy.Name,
            settings.Scenario.Name,
            result,
            sampling.OnMeasuredWindow(runStarted is { } start ? LagTimeline.MeasuredStart(start, result, timeProvider) : measuredFrom, result.MeasuredDuration),
            // From the engine's record, not the router's counters: those run through warm-up and drain too.
            [.. result.ReadsByIntendedAndServed.Select(c => new RoutedReads(c.IntendedNode, c.ServedNode, c.Reads))],
            result.ReadFallbacks,
            histogramLog,
            series,
            settings.Scenario.Mix,
            windows)
        {
            Visibility = visibility,
            ServedStaleness = replicas == 0 ? null : servedStaleness.Summary([.. topology.Replicas.Select(r => r.Name)]),
            Repeat = repeat,
            Cpu = new CellCpu(nodeCpu.Figures(), QuotaOnThisHost(topology)),
            Warnings = scriptWarnings.Warnings(),
            ShardStart = plannedStart is { } plan && startedAt is { } began ? (plan, began) : null,
            WalBytesPerSecond = await wal.BytesPerSecondAsync(),
            Conflicts = conflicts,
        };
    }

    /// <summary>
    /// The cell's scenario without its load settings: the built-in mix through <see cref="WorkloadVirtualUser"/>,
    /// or the user's scripts through <see cref="ScriptVirtualUser"/> (with <c>:scale</c> measured on this topology when no --define gives it).
    /// </summary>
    private static async Task<LoadScenario> WorkloadFor(
        LoadMatrixSettings settings, TopologyDescriptor topology, Router router, ServedStalenessRecorder servedStaleness, ScriptWarnings scriptWarnings, CancellationToken cancellationToken)
    {
        if (settings.Scenario is ScriptScenario { Workload: var scripts })
        {
            var scale = 1L;
            if (scripts.NeedsScale)
            {
                await using var primary = await router.DataSource(RoutingDecision.PrimaryNode).OpenConnectionAsync(cancellationToken);
                scale = await ScriptScale.MeasureAsync(primary, cancellationToken);
            }

            var variables = scripts.VariablesFor(scale, settings.RandomSeed);
            return LoadScenario.Create(settings.Scenario.Name, (context, _) => ScriptVirtualUser.CreateAsync(scripts, variables, scriptWarnings, router, context))
                .WithOperations([.. scripts.Operations]);
        }

        var mix = settings.Scenario.Mix ?? throw new InvalidOperationException($"scenario {settings.Scenario.Name} has neither a mix nor scripts");
        var setup = new WorkloadUserSetup(router, mix, KeyChooser.Uniform(settings.SeedRows), new AcknowledgedVersions(settings.SeedRows))
        {
            ServedStaleness = servedStaleness,
        };
        return LoadScenario.Create(settings.Scenario.Name, (context, token) => WorkloadVirtualUser.CreateAsync(setup, context, token))
            .WithOperations(WorkloadUserSetup.Operations);
    }

    /// <summary>The CPU quotas of the nodes that share the generator's machine (loopback), which leave it the rest; null when none has one.</summary>
    private static double? QuotaOnThisHost(TopologyDescriptor topology)
    {
        var quotas = (topology.Emulation?.Nodes ?? [])
            .Where(e => e.Cpus is not null && topology.Nodes.Any(n => n.Name == e.Node && LoadMatrixRunner.IsLoopback(n.Host)))
            .Select(e => e.Cpus!.Value)
            .ToList();
        return quotas.Count == 0 ? null : quotas.Sum();
    }

    /// <summary>The measured intervals on the measured-window axis, as fault analysis reads them.</summary>
    private static List<SeriesSecond> MeasuredSeconds(LoadRunResult result) =>
    [
        .. result.TimeSeries
            .Where(p => p.Phase == RunPhase.Measurement)
            .Select(p => new SeriesSecond((p.Start - result.WarmUpDuration).TotalSeconds, (p.End - result.WarmUpDuration).TotalSeconds, p.Throughput, p.StaleReads)),
    ];

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed class Progress(Action<TimeSeriesPoint> report) : IProgress<TimeSeriesPoint>
    {
        public void Report(TimeSeriesPoint value) => report(value);
    }
}
