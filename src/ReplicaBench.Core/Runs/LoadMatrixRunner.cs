using System.Globalization;
using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Engine.Memory;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Measurement;
using ReplicaBench.Routing;
using ReplicaBench.Runs.Faults;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Faults;
using ReplicaBench.Workload;
using ReplicaBench.Workload.VirtualUsers;

namespace ReplicaBench.Runs;

/// <summary>
/// Runs one scenario across topologies × policies and writes one result set. Per replica count it
/// provisions a topology (or uses the one in the given state dir), seeds it once and waits until
/// every replica has replayed the seed, then runs a <see cref="LoadRunner"/> per policy on those
/// same servers (one topology serves all policies: provisioning is the slow part, and the servers
/// stay comparable), with a <see cref="ReplicaMonitor"/> feeding the router's board and a
/// <see cref="LagSampler"/> recording server-side lag and a <see cref="ProcessMemorySampler"/>
/// recording this process's memory every second. results.json is rewritten after every cell,
/// so an interrupted run keeps what ran (<c>complete=false</c>).
/// </summary>
/// <remarks>
/// With a fault schedule each cell runs it (<see cref="FaultRunner"/>) and reports a window per
/// fault; replicas it left killed or paused are brought back after the cell. A schedule with a
/// failover reshapes the topology for good, so then every cell gets its own freshly provisioned and
/// seeded topology (with <c>--state-dir</c> the front end allows only one policy).
/// </remarks>
public static class LoadMatrixRunner
{
    private static readonly TimeSpan SeedCatchUpTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A cell's streamed files under the names results.json gives them, from their first line on (a run can be tailed).</summary>
    private static readonly RunFileNames CellFileNames = new("latency.hlog", "series.jsonl");

    /// <summary>How long a cell waits for the replica monitor's first samples before it repeats the router's warning.</summary>
    private static readonly TimeSpan WarningPatience = TimeSpan.FromSeconds(2);

    /// <summary>Runs the matrix; cancellation stops the current cell, keeps its partial result and tears down.</summary>
    public static async Task<LoadMatrixOutcome> RunAsync(
        LoadMatrixSettings settings, IMatrixProgress progress, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Directory.CreateDirectory(settings.OutputDirectory);
        var resultsFile = Path.Combine(settings.OutputDirectory, ResultsFileWriter.FileName);
        var started = timeProvider.GetUtcNow();
        var run = new RunMetadata
        {
            Id = started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture),
            StartedAt = started,
            Suite = SuiteIdentity.Detect(),
            Machine = MachineInfo.Detect(),
            Provider = settings.StateDirectory is { HasTopology: true } state ? state.Read().Provider : settings.Provider,
            SameHost = true,
        };
        var cells = new List<MatrixCell>();
        ResultsFileWriter.Write(resultsFile, run, settings.SettingsForResults, cells);

        var replicaCounts = settings.Replicas ?? [settings.StateDirectory!.Read().Replicas.Count];
        var cellCount = replicaCounts.Count * settings.Policies.Count * settings.Repeat;
        // With --repeat the policies alternate (A B A B), so a drift of the machine spreads over all of them.
        var runs = Enumerable.Range(1, settings.Repeat).SelectMany(repeat => settings.Policies.Select(policy => (Policy: policy, Repeat: repeat))).ToList();
        var complete = false;
        try
        {
            foreach (var replicas in replicaCounts)
            {
                // A failover reshapes the topology: each of its cells starts on a fresh one.
                IEnumerable<IReadOnlyList<(RoutingPolicySpec Policy, int Repeat)>> groups = settings.Faults.HasFailover && settings.StateDirectory is null
                    ? runs.Select(r => (IReadOnlyList<(RoutingPolicySpec, int)>)[r])
                    : [runs];
                foreach (var group in groups)
                {
                    await using var topology = await TopologyLease.AcquireAsync(settings, replicas, progress, cancellationToken);
                    run = run with
                    {
                        PostgresVersion = topology.Descriptor.ServerVersion ?? run.PostgresVersion,
                        Provider = topology.Descriptor.Provider,
                        SameHost = run.SameHost && topology.Descriptor.Nodes.All(n => IsLoopback(n.Host)),
                    };
                    await SeedAsync(topology.Descriptor, settings.SeedRows, progress, cancellationToken);
                    foreach (var (policy, repeat) in group)
                    {
                        var catchUp = await CatchUpAsync(topology, settings.CatchUpTimeout, progress, timeProvider, cancellationToken);
                        var cell = await RunCellAsync(settings, topology, policy, repeat, cells.Count, cellCount, progress, timeProvider, cancellationToken) with { CatchUp = catchUp };
                        cells.Add(cell);
                        ResultsFileWriter.Write(resultsFile, run, settings.SettingsForResults, cells);
                        progress.CellFinished(cell);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
            }

            complete = true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            complete = false;
        }
        finally
        {
            run = run with { Complete = complete, FinishedAt = timeProvider.GetUtcNow() };
            ResultsFileWriter.Write(resultsFile, run, settings.SettingsForResults, cells);
        }

        var breached = cells.SelectMany(c => c.Result.BreachedThresholds.Select(t => (c.Id, t))).ToList();
        var drops = cells.Where(c => c.Result.UnallowedDrops is not null).Select(c => (c.Id, c.Result.UnallowedDrops!)).ToList();
        return new LoadMatrixOutcome(resultsFile, cells, complete, breached, drops);
    }

    private static async Task SeedAsync(TopologyDescriptor topology, long rows, IMatrixProgress progress, CancellationToken cancellationToken)
    {
        progress.Step(string.Create(CultureInfo.InvariantCulture, $"seeding {rows} rows on {topology.Primary.Name}"));
        SeedResult seed;
        // Against external endpoints the suite writes nothing unless the topology allows it.
        await using (var primary = await WriteInterlock.OpenPrimaryAsync(topology, "replicabench load (seeding the bench table)", cancellationToken))
        {
            seed = await WorkloadSeeder.SeedAsync(primary, rows, cancellationToken);
        }

        foreach (var replica in topology.Replicas)
        {
            if (!await CaughtUpAsync(replica, seed.Lsn, cancellationToken))
            {
                throw new TopologyException(
                    $"{replica.Name} did not replay the seed within {SeedCatchUpTimeout.TotalMinutes:0} min; check 'replicabench topology status' and its apply delay.");
            }
        }
    }

    /// <summary>
    /// Before a cell's warm-up: waits until every replica has replayed what the primary has written
    /// (the previous cell's backlog), so no cell starts with another's lag; a replica that does not
    /// catch up in time is warned about and the cell flagged.
    /// </summary>
    private static async Task<CatchUpWait?> CatchUpAsync(
        TopologyLease lease, TimeSpan timeout, IMatrixProgress progress, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var wait = await ReplicationCatchUp.WaitAsync(lease.StateDirectory.Read(), timeout, timeProvider, cancellationToken);
        if (wait?.Warning is { } warning)
        {
            progress.Step(warning);
        }

        return wait;
    }

    private static async Task<bool> CaughtUpAsync(TopologyNode replica, ulong lsn, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(replica.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return await ReplayCatchUp.WaitAsync(connection, lsn, SeedCatchUpTimeout, cancellationToken);
    }

    private static async Task<MatrixCell> RunCellAsync(
        LoadMatrixSettings settings,
        TopologyLease lease,
        RoutingPolicySpec policy,
        int repeat,
        int index,
        int cellCount,
        IMatrixProgress progress,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        // The state dir, not the lease: a fault schedule restarts servers (new pids) between cells.
        var topology = lease.StateDirectory.Read();
        var replicas = topology.Replicas.Count;
        var id = MatrixCell.IdFor(replicas, policy.Name, repeat);
        var cellDirectory = Path.Combine(settings.OutputDirectory, "cells", id);
        // The run's first cell also warms the load generator itself (JIT tiering, thread pool):
        // measured here, it needs about 6 s to reach its rate where later cells need about 3 s.
        var warmUp = settings.WarmUp + (index == 0 ? settings.FirstCellExtraWarmUp : TimeSpan.Zero);
        Directory.CreateDirectory(cellDirectory);
        progress.CellStarted(id, index, cellCount, warmUp, settings.Duration);

        var board = new NodeStateBoard(replicas);
        using var observers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Lag samples count from here until the run says when it started (see LagTimeline).
        var observedFrom = timeProvider.GetTimestamp();
        var measuredFrom = observedFrom + (long)(warmUp.TotalSeconds * timeProvider.TimestampFrequency);
        var sampling = CellObservers.Start(topology, board, observedFrom, timeProvider, cancellationToken);
        var external = new ExternalSamples(timeProvider);
        var tracker = settings.Faults.IsEmpty ? null : new FaultWindowTracker(settings.Faults.Faults.Count);
        FaultRunner? faults = null;
        var faulting = Task.CompletedTask;
        using var runEnded = new CancellationTokenSource();

        await using var router = new Router(topology, policy, new RouterOptions { TimeProvider = timeProvider, Observer = tracker }, board);
        if (await SettledWarningAsync(router, replicas, timeProvider, cancellationToken) is { } warning)
        {
            progress.Step(warning);
        }

        var servedStaleness = new ServedStalenessRecorder(board, timeProvider);
        var setup = new WorkloadUserSetup(router, settings.Scenario.Mix, KeyChooser.Uniform(settings.SeedRows), new AcknowledgedVersions(settings.SeedRows))
        {
            ServedStaleness = servedStaleness,
        };
        var scenario = LoadScenario.Create(settings.Scenario.Name, (context, token) => WorkloadVirtualUser.CreateAsync(setup, context, token))
            .WithOperations(WorkloadUserSetup.Operations)
            .WithNodes(topology.NodeDefinitions())
            .WithLoad(settings.Load)
            .WithWarmUp(warmUp)
            .WithDuration(settings.Duration)
            .WithThresholds(settings.Thresholds.ToArray());
        if (tracker is not null)
        {
            faults = new FaultRunner(settings.Faults, TopologyFaults.For(lease.StateDirectory), tracker, Hooks(topology, router, sampling, progress), timeProvider);
            faulting = faults.RunAsync(warmUp, runEnded.Token, cancellationToken);
        }

        long? runStarted = null;
        var options = new LoadRunOptions
        {
            TimeProvider = timeProvider,
            OutputDirectory = cellDirectory,
            FileNames = CellFileNames,
            Progress = new Progress(point => progress.Interval(point, sampling.LatestLag())),
            Samples = external,
            Started = timestamp =>
            {
                runStarted = timestamp;
                servedStaleness.MeasureFrom(long.MaxValue); // the warm-up's reads count nowhere
                faults?.RunStarted(timestamp);
            },
            MeasurementStarted = servedStaleness.MeasureFrom,
        };

        var visibilityTask = CellVisibilityProbe.StartAsync(topology, settings with { WarmUp = warmUp }, timeProvider, observers.Token);
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
            await observers.CancelAsync();
            await IgnoreCancellation(visibilityTask);
            await memoryTask;
            await sampling.StopAsync();
        }

        IReadOnlyList<FaultWindow>? windows = null;
        if (faults is not null && tracker is not null)
        {
            foreach (var problem in await faults.RestoreAsync(cancellationToken))
            {
                progress.Step(problem);
            }

            var measuredStart = faults.MeasuredStart ?? measuredFrom;
            windows = tracker.Build(settings.Faults, MeasuredSeconds(result), t => (t - measuredStart) / (double)timeProvider.TimestampFrequency);
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
            [.. result.ReadsByIntendedAndServed.Select(c => new IntendedServedReads(c.IntendedNode, c.ServedNode, c.Reads))],
            result.ReadFallbacks,
            histogramLog,
            series,
            settings.Scenario.Mix,
            windows)
        {
            Visibility = visibility,
            ServedStaleness = replicas == 0 ? null : servedStaleness.Summary([.. topology.Replicas.Select(r => r.Name)]),
            Repeat = repeat,
        };
    }

    /// <summary>
    /// How a failover reaches the cell: the router moves the primary role the moment the promoted
    /// replica takes writes; once the other replicas follow, the samplers move too (the promoted
    /// replica keeps its slot on the board, retired; lag is sampled on the followers only) and
    /// replicas left out are retired.
    /// </summary>
    private static FaultRunnerHooks Hooks(TopologyDescriptor topology, Router router, CellObservers sampling, IMatrixProgress progress) => new(
        newPrimary =>
        {
            router.PromoteToPrimary(newPrimary.Name);
            return Task.CompletedTask;
        },
        async failover =>
        {
            foreach (var replica in failover.LeftOut)
            {
                router.RetireReplica(replica);
            }

            var moved = topology.Nodes[0] with { Host = failover.NewPrimary.Host, Port = failover.NewPrimary.Port, ConnectionString = failover.NewPrimary.ConnectionString };
            await sampling.RepointAsync(topology with { Nodes = [moved, .. topology.Nodes.Skip(1)] }, failover.Topology);
        },
        progress.Step);

    /// <summary>
    /// The router's warning once the replica monitor has had time to feed the board. The board
    /// starts empty and the first lag sample lands within milliseconds, so a policy that routes by
    /// lag would otherwise warn "no replica lag has been sampled" at the start of every cell. A
    /// warning that cannot clear (no replicas) is returned at once; one that outlasts the patience
    /// is real.
    /// </summary>
    private static async Task<string?> SettledWarningAsync(Router router, int replicas, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetTimestamp() + (long)(WarningPatience.TotalSeconds * timeProvider.TimestampFrequency);
        while (router.Warning is { } warning)
        {
            if (replicas == 0 || timeProvider.GetTimestamp() >= deadline)
            {
                return warning;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeProvider, cancellationToken);
        }

        return null;
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

    private static bool IsLoopback(string host) =>
        host is "127.0.0.1" or "::1" or "localhost" || host.StartsWith('/');

    private sealed class Progress(Action<TimeSeriesPoint> report) : IProgress<TimeSeriesPoint>
    {
        public void Report(TimeSeriesPoint value) => report(value);
    }
}
