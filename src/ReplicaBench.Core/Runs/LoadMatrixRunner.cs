using System.Globalization;
using ReplicaBench.Engine;
using ReplicaBench.Engine.Memory;
using ReplicaBench.Measurement;
using ReplicaBench.Results;
using ReplicaBench.Routing;
using ReplicaBench.Runs.Faults;
using ReplicaBench.Topology;

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
            Machine = MachineDetection.Detect(),
            Provider = settings.StateDirectory is { HasTopology: true } state ? state.Read().Provider : settings.Provider,
            SameHost = true,
            Shard = settings.Shard is { } shard
                ? new ShardInfo
                {
                    Index = shard.Index,
                    Count = shard.Count,
                    StartAt = shard.StartAt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
                    Seeded = shard.IsFirst && !settings.NoSeed,
                    Probed = shard.IsFirst && settings.VisibilityProbeSpacing is not null,
                }
                : null,
        };
        var cells = new List<MatrixCell>();
        ResultsFileWriter.Write(resultsFile, run, settings.SettingsForResults, cells);
        if (settings.EmulationNote is { } note)
        {
            progress.Step(note);
        }

        var replicaCounts = settings.Replicas ?? [settings.StateDirectory!.Read().Replicas.Count];
        var cellCount = replicaCounts.Count * settings.Policies.Count * settings.Repeat * settings.FeedbackValues;
        // With --repeat the policies alternate (A B A B), so a drift of the machine spreads over all of them.
        var runs = Enumerable.Range(1, settings.Repeat).SelectMany(repeat => settings.Policies.Select(policy => (Policy: policy, Repeat: repeat))).ToList();
        var complete = false;
        var failing = false;
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
                    await using var topology = await LeaseAsync(settings, replicas, progress, cancellationToken);
                    run = run with
                    {
                        PostgresVersion = topology.Descriptor.ServerVersion ?? run.PostgresVersion,
                        Provider = topology.Descriptor.Provider,
                        SameHost = run.SameHost && topology.Descriptor.Nodes.All(n => IsLoopback(n.Host)),
                        WritesAllowed = topology.Descriptor.WritesAllowed,
                        Emulation = topology.Descriptor.Emulation is { } emulation
                            ? new EmulationInfo { NodeCpus = emulation.Cpus, NodeMemory = emulation.Memory }
                            : run.Emulation,
                        ServerSettings = topology.Descriptor.ServerSettings is { } applied
                            ? new ServerSettingsInfo { Primary = applied.Primary, Replicas = applied.Replicas }
                            : null,
                        Pooler = topology.Descriptor.Pooler is { } pooler
                            ? new PoolerInfo { Name = pooler.Name, DefaultPoolSize = pooler.DefaultPoolSize }
                            : null,
                    };
                    // Long reads make their own table per cell: the bench table would only cost the seeding.
                    if (!settings.NoSeed && settings.Scenario is not LongReadsScenario)
                    {
                        await SeedOrWaitAsync(settings, topology.Descriptor, progress, timeProvider, cancellationToken);
                    }
                    var feedback = settings.HotStandbyFeedback is null ? null : await HotStandbyFeedbackSwitch.CaptureAsync(topology.Descriptor, cancellationToken);
                    try
                    {
                        foreach (var (policy, repeat) in group)
                        {
                            foreach (var on in settings.HotStandbyFeedback?.Select(v => (bool?)v) ?? [null])
                            {
                                if (on is { } value)
                                {
                                    await feedback!.SetAsync(value, cancellationToken);
                                    progress.Step($"replicas: hot_standby_feedback = {(value ? "on" : "off")} (ALTER SYSTEM, reloaded)");
                                }

                                var catchUp = await MatrixSeeding.CatchUpAsync(topology, settings.CatchUpTimeout, settings.CatchUpPollInterval, progress, timeProvider, cancellationToken);
                                var ran = await MatrixCellRunner.RunAsync(settings, topology, policy, repeat, on, cells.Count, cellCount, progress, timeProvider, cancellationToken);
                                var cell = ran with { CatchUp = catchUp, HotStandbyFeedback = on };
                                cells.Add(cell);
                                var written = ResultsFileWriter.Write(resultsFile, run, settings.SettingsForResults, cells);
                                progress.CellFinished(cell);
                                foreach (var warning in written.Cells[^1].Warnings)
                                {
                                    progress.Step($"warning: {cell.Id}: {warning}");
                                }

                                cancellationToken.ThrowIfCancellationRequested();
                            }
                        }
                    }
                    finally
                    {
                        // The topology's own setting again, even after Ctrl+C (a --state-dir topology stays up).
                        foreach (var problem in feedback is null ? [] : await feedback.RestoreAsync(CancellationToken.None))
                        {
                            progress.Step(problem);
                        }
                    }
                }
            }

            complete = true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            complete = false;
        }
        catch (Exception) when (Failing(out failing))
        {
            throw; // never reached: the filter only notes that an error is on its way out
        }
        finally
        {
            run = run with { Complete = complete, FinishedAt = timeProvider.GetUtcNow() };
            try
            {
                ResultsFileWriter.Write(resultsFile, run, settings.SettingsForResults, cells);
            }
            catch (OutputFileException) when (failing)
            {
                // The error that stopped the run (often the same full disk) is the one to report;
                // results.json keeps the finished cells it last recorded.
            }
        }

        var breached = cells.SelectMany(c => c.Result.BreachedThresholds.Select(t => (c.Id, t))).ToList();
        var drops = cells.Where(c => c.Result.UnallowedDrops is not null).Select(c => (c.Id, c.Result.UnallowedDrops!)).ToList();
        return new LoadMatrixOutcome(resultsFile, cells, complete, breached, drops);
    }

    /// <summary>
    /// Seeds the topology, or with <c>--shard</c> 2..N waits (reading) until shard 1 has: one seed
    /// for all shards, and no shard's load on a table another is still filling.
    /// </summary>
    private static async Task SeedOrWaitAsync(
        LoadMatrixSettings settings, TopologyDescriptor topology, IMatrixProgress progress, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (settings.Shard is not { IsFirst: false } shard || !topology.WritesAllowed)
        {
            // Unsharded, shard 1, or a read-only topology (where every shard only checks the prepared table).
            await MatrixSeeding.SeedAsync(topology, settings.SeedRows, progress.Step, cancellationToken);
            if (settings.Shard is { } first && topology.WritesAllowed)
            {
                await ShardSeedMarker.MarkAsync(topology, first.StartAt, settings.SeedRows, cancellationToken);
            }

            return;
        }

        // Shard 1 should seed before the start; a few minutes beyond it cover a large seed started late.
        await ShardSeedMarker.WaitAsync(topology, shard.StartAt, shard.StartAt + SeedWaitBeyondStart, progress.Step, timeProvider, cancellationToken);
    }

    /// <summary>How long past <c>--start-at</c> shards 2..N wait for shard 1's seed before giving up.</summary>
    private static readonly TimeSpan SeedWaitBeyondStart = TimeSpan.FromMinutes(5);

    /// <summary>The user's topology when a state dir was given, else a fresh one for this replica count.</summary>
    private static async Task<TopologyLease> LeaseAsync(LoadMatrixSettings settings, int replicas, IMatrixProgress progress, CancellationToken cancellationToken)
    {
        if (settings.StateDirectory is { } existing)
        {
            var all = existing.Read().Replicas.Count;
            progress.Step(replicas == all
                ? $"using the topology in {existing.Path}"
                : $"using the topology in {existing.Path} with its first {replicas} of {all} replica(s)");
            return TopologyLease.UseExisting(existing, progress.Step, replicas);
        }

        return await TopologyLease.ProvisionAsync(
            TopologyProviders.Create(settings.Provider), new TopologyRequest(replicas, settings.ApplyDelays, settings.NodeBudget), "replicabench-load-", progress.Step, cancellationToken);
    }

    private static bool Failing(out bool failing)
    {
        failing = true;
        return false;
    }

    /// <summary>Whether a node's host is this machine: loopback, or a Unix socket directory.</summary>
    internal static bool IsLoopback(string host) =>
        host is "127.0.0.1" or "::1" or "localhost" || host.StartsWith('/');
}
