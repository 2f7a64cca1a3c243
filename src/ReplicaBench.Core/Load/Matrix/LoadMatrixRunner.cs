using System.Globalization;
using System.Threading.Channels;
using Npgsql;
using ReplicaBench.Load.Database;
using ReplicaBench.Load.Memory;
using ReplicaBench.Measurement;
using ReplicaBench.Routing;
using ReplicaBench.Topology;
using ReplicaBench.Workload;

namespace ReplicaBench.Load.Matrix;

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
public static class LoadMatrixRunner
{
    private static readonly TimeSpan SeedCatchUpTimeout = TimeSpan.FromMinutes(2);

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
        var cellCount = replicaCounts.Count * settings.Policies.Count;
        var complete = false;
        try
        {
            foreach (var replicas in replicaCounts)
            {
                await using var topology = await TopologyLease.AcquireAsync(settings, replicas, progress, cancellationToken);
                run = run with
                {
                    PostgresVersion = topology.Descriptor.ServerVersion ?? run.PostgresVersion,
                    Provider = topology.Descriptor.Provider,
                    SameHost = run.SameHost && topology.Descriptor.Nodes.All(n => IsLoopback(n.Host)),
                };
                await SeedAsync(topology.Descriptor, settings.SeedRows, progress, cancellationToken);
                foreach (var policy in settings.Policies)
                {
                    var cell = await RunCellAsync(settings, topology.Descriptor, policy, cells.Count, cellCount, progress, timeProvider, cancellationToken);
                    cells.Add(cell);
                    ResultsFileWriter.Write(resultsFile, run, settings.SettingsForResults, cells);
                    progress.CellFinished(cell);
                    cancellationToken.ThrowIfCancellationRequested();
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
        return new LoadMatrixOutcome(resultsFile, cells, complete, breached);
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

    private static async Task<bool> CaughtUpAsync(TopologyNode replica, ulong lsn, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(replica.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return await ReplayCatchUp.WaitAsync(connection, lsn, SeedCatchUpTimeout, cancellationToken);
    }

    private static async Task<MatrixCell> RunCellAsync(
        LoadMatrixSettings settings,
        TopologyDescriptor topology,
        RoutingPolicySpec policy,
        int index,
        int cellCount,
        IMatrixProgress progress,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var replicas = topology.Replicas.Count;
        var id = MatrixCell.IdFor(replicas, policy.Name);
        var cellDirectory = Path.Combine(settings.OutputDirectory, "cells", id);
        Directory.CreateDirectory(cellDirectory);
        progress.CellStarted(id, index, cellCount, settings.WarmUp, settings.Duration);

        var board = new NodeStateBoard(replicas);
        using var observers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var monitor = new ReplicaMonitor(topology, board, timeProvider: timeProvider);
        var monitorTask = replicas > 0 ? monitor.RunAsync(observers.Token) : Task.CompletedTask;
        var measuredFrom = timeProvider.GetTimestamp() + (long)(settings.WarmUp.TotalSeconds * timeProvider.TimestampFrequency);
        var lag = new List<LagPoint>();
        var latestLag = new Dictionary<string, double>(StringComparer.Ordinal);
        await using var sampler = new LagSampler(topology, new LagSamplerOptions { OriginTimestamp = measuredFrom }, timeProvider);
        var samples = Channel.CreateUnbounded<LagSample>(new UnboundedChannelOptions { SingleReader = true });
        var samplerTask = replicas > 0 ? sampler.RunAsync(samples.Writer, observers.Token) : Task.CompletedTask;
        var collectTask = CollectLagAsync(samples.Reader, lag, latestLag);
        var external = new ExternalSamples(timeProvider);

        await using var router = new Router(topology, policy, new RouterOptions { TimeProvider = timeProvider }, board);
        if (router.Warning is { } warning)
        {
            progress.Step(warning);
        }

        var setup = new WorkloadUserSetup(router, settings.Scenario.Mix, KeyChooser.Uniform(settings.SeedRows), new AcknowledgedVersions(settings.SeedRows));
        var scenario = LoadScenario.Create(settings.Scenario.Name, (context, token) => WorkloadVirtualUser.CreateAsync(setup, context, token))
            .WithOperations(WorkloadUserSetup.Operations)
            .WithNodes(NodeDefinition.From(topology))
            .WithLoad(settings.Load)
            .WithWarmUp(settings.WarmUp)
            .WithDuration(settings.Duration)
            .WithThresholds(settings.Thresholds.ToArray());
        var options = new LoadRunOptions
        {
            TimeProvider = timeProvider,
            OutputDirectory = cellDirectory,
            FileStem = "latency",
            Progress = new Progress(point => progress.Interval(point, Snapshot(latestLag))),
            Samples = external,
        };

        var visibilityTask = CellVisibilityProbe.StartAsync(topology, settings, timeProvider, observers.Token);
        Results.LoadRunResult result;
        var memoryTask = ProcessMemorySampler.RunAsync(external, TimeSpan.FromSeconds(1), observers.Token);
        IReadOnlyList<CellVisibility> visibility = [];
        try
        {
            result = await LoadRunner.RunAsync(scenario, options, cancellationToken);
            visibility = await CellVisibilityProbe.CollectAsync(visibilityTask, timeProvider, cancellationToken);
        }
        finally
        {
            await observers.CancelAsync();
            await IgnoreCancellation(visibilityTask);
            await IgnoreCancellation(monitorTask);
            await IgnoreCancellation(samplerTask);
            await memoryTask;
            samples.Writer.TryComplete();
            await collectTask;
        }

        var counts = router.Counts();
        var (histogramLog, series) = PlaceFiles(cellDirectory, id, result.Files);
        return new MatrixCell(
            id,
            replicas,
            policy.Name,
            settings.Scenario.Name,
            result,
            lag.Where(p => p.T >= 0).ToList(),
            [.. counts.ReadsByIntendedAndServed.Select(c => new IntendedServedReads(c.IntendedNode, c.ServedNode, c.Reads))],
            counts.ReadFallbacks,
            histogramLog,
            series,
            settings.Scenario.Mix)
        {
            Visibility = visibility,
        };
    }

    // The engine names its files after the stem; the contract names them latency.hlog and series.jsonl.
    private static (string? HistogramLog, string? Series) PlaceFiles(string cellDirectory, string id, Results.RunFiles? files)
    {
        if (files is null)
        {
            return (null, null);
        }

        var series = Path.Combine(cellDirectory, "series.jsonl");
        if (File.Exists(files.Series))
        {
            File.Move(files.Series, series, overwrite: true);
        }

        var log = Path.Combine(cellDirectory, "latency.hlog");
        if (!string.Equals(Path.GetFullPath(files.IntervalLog), Path.GetFullPath(log), StringComparison.Ordinal) && File.Exists(files.IntervalLog))
        {
            File.Move(files.IntervalLog, log, overwrite: true);
        }

        return ($"cells/{id}/latency.hlog", $"cells/{id}/series.jsonl");
    }

    private static async Task CollectLagAsync(ChannelReader<LagSample> reader, List<LagPoint> into, Dictionary<string, double> latest)
    {
        await foreach (var sample in reader.ReadAllAsync())
        {
            foreach (var replica in sample.Replicas)
            {
                var replayMs = replica.ReplayLag?.TotalMilliseconds;
                lock (latest)
                {
                    into.Add(new LagPoint(sample.Elapsed.TotalSeconds, replica.Name, replayMs, replica.ReplayLagBytes, replica.LastReplayAge?.TotalMilliseconds));
                    if (replayMs is { } ms)
                    {
                        latest[replica.Name] = ms;
                    }
                }
            }
        }
    }

    private static Dictionary<string, double> Snapshot(Dictionary<string, double> latest)
    {
        lock (latest)
        {
            return new Dictionary<string, double>(latest, StringComparer.Ordinal);
        }
    }

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

    private sealed class Progress(Action<Results.TimeSeriesPoint> report) : IProgress<Results.TimeSeriesPoint>
    {
        public void Report(Results.TimeSeriesPoint value) => report(value);
    }
}
