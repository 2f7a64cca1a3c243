using System.Globalization;
using System.Text.Json;
using ReplicaBench.Results;
using ReplicaBench.Runs.Settings;
using ReplicaBench.Topology;
using ReplicaBench.Workload;

namespace ReplicaBench.Runs.Limits;

/// <summary>
/// <c>replicabench limits</c>: steps an open-model write rate up on one topology, one
/// <c>load</c> cell per rate, and records where each replica stops keeping up
/// (<see cref="LimitsAnalysis"/>). After each step every replica replays its backlog (up to
/// <see cref="LimitsSettings.CatchUpTimeout"/>, recorded on the step), so each step starts level.
/// </summary>
/// <remarks>
/// Each step is a complete <c>load</c> run folder under <c>steps/w&lt;rate&gt;</c>, made by the
/// matrix runner itself, so its cell holds everything a load cell does (latency, lag series, node
/// CPU, WAL rate); the run folder's results.json lists those cells, renamed <c>w&lt;rate&gt;-...</c>
/// and pointing at their files, with <c>limits</c> beside them. Every step's settings are checked
/// before anything starts; one topology serves all steps, provisioned here unless a state dir is given.
/// </remarks>
public static class LimitsRunner
{
    /// <summary>Checks everything <paramref name="limits"/> needs, one line per mistake, and returns the mix's write share (%).</summary>
    public static int Check(LimitsSettings limits, Func<string?, string?, IWorkloadScenario> resolveScenario)
    {
        ArgumentNullException.ThrowIfNull(limits);
        LimitsSettings.CheckRates(limits.WriteRates);
        var first = LoadMatrixSettingsFactory.Create(limits.StepSettings(limits.WriteRates[0], 100, limits.StateDir), resolveScenario);
        var writePercent = first.Scenario.Mix?.WritePercent ?? 0;
        if (writePercent == 0)
        {
            throw new BadInputException($"--mix {limits.Mix} has no writes, and limits steps a write rate; give a mix with insert or update, e.g. --mix update=100 (the default) or point-read=50,update=50.");
        }

        foreach (var rate in limits.WriteRates)
        {
            LoadMatrixSettingsFactory.Create(limits.StepSettings(rate, writePercent, limits.StateDir), resolveScenario);
        }

        if (limits.StateDir is { } stateDir && !new TopologyStateDirectory(stateDir).Read().WritesAllowed)
        {
            throw new BadInputException(
                $"the topology in {stateDir} allows no writes, and limits writes at every step; prepare it with 'replicabench external prepare --allow-writes' on a database you may write to.");
        }

        return writePercent;
    }

    /// <summary>Runs every step (stopping early on cancellation, with the steps that ran kept) and writes results.json.</summary>
    public static async Task<LimitsOutcome> RunAsync(
        LimitsSettings limits, Func<string?, string?, IWorkloadScenario> resolveScenario, IMatrixProgress progress, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var writePercent = Check(limits, resolveScenario);
        var template = LoadMatrixSettingsFactory.Create(limits.StepSettings(limits.WriteRates[0], writePercent, limits.StateDir), resolveScenario);
        Directory.CreateDirectory(limits.OutputDirectory);
        await using var lease = limits.StateDir is { } given
            ? TopologyLease.UseExisting(new TopologyStateDirectory(given), progress.Step, limits.Replicas)
            : await TopologyLease.ProvisionAsync(
                TopologyProviders.Create(template.Provider),
                new TopologyRequest(limits.Replicas, template.ApplyDelays, template.NodeBudget),
                "replicabench-limits-",
                progress.Step,
                cancellationToken);

        var steps = new List<(double Rate, CellResults Cell)>();
        RunInfo? run = null;
        var complete = true;
        for (var i = 0; i < limits.WriteRates.Count; i++)
        {
            var rate = limits.WriteRates[i];
            progress.Step(string.Create(CultureInfo.InvariantCulture, $"limits: step {i + 1}/{limits.WriteRates.Count}, {rate:0.###} writes/s"));
            var settings = LoadMatrixSettingsFactory.Create(limits.StepSettings(rate, writePercent, lease.StateDirectory.Path), resolveScenario) with
            {
                CatchUpTimeout = LimitsSettings.CatchUpTimeout,
                CatchUpPollInterval = LimitsSettings.CatchUpPollInterval,

                // Seeded once: a seed before every step would be replayed in the seed's own wait, hiding the
                // previous step's backlog from the catch-up this step records.
                NoSeed = i > 0 || template.NoSeed,
                // The generator's own warm-up is needed once: later steps run in a warm process.
                FirstCellExtraWarmUp = i == 0 ? template.FirstCellExtraWarmUp : TimeSpan.Zero,
            };
            var outcome = await LoadMatrixRunner.RunAsync(settings, progress, timeProvider, cancellationToken);
            var stepResults = ResultsFile.Read(outcome.ResultsFile);
            run ??= stepResults.Run;
            steps.AddRange(stepResults.Cells.Select(cell => (rate, Renamed(cell, rate))));
            if (!outcome.Complete)
            {
                complete = false;
                break;
            }
        }

        // The last step's backlog is replayed here, as each earlier one was before the step after it.
        var lastCatchUp = complete
            ? await ReplicationCatchUp.WaitAsync(lease.Current(), LimitsSettings.CatchUpTimeout, timeProvider, cancellationToken, LimitsSettings.CatchUpPollInterval)
            : null;
        var results = new RunResults
        {
            Run = (run ?? new RunInfo()) with
            {
                Complete = complete,
                FinishedAt = timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                Settings = RunSettings(limits),
            },
            Cells = [.. steps.Select(s => s.Cell)],
            Limits = LimitsAnalysis.From(steps, StalenessMapper.CatchUp(lastCatchUp)),
        };
        var file = Path.Combine(limits.OutputDirectory, ResultsFile.FileName);
        ResultsFile.Write(file, results);
        return new LimitsOutcome(file, results, complete);
    }

    // A step's cell as the limits run lists it: named after its rate, its files reached from the run folder.
    private static CellResults Renamed(CellResults cell, double rate)
    {
        var folder = LimitsSettings.StepFolder(rate);
        return cell with
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"w{rate:0.###}-{cell.Id}"),
            Files = cell.Files is { } files
                ? files with
                {
                    HistogramLog = files.HistogramLog is { } log ? $"{folder}/{log}" : null,
                    Series = files.Series is { } series ? $"{folder}/{series}" : null,
                }
                : null,
        };
    }

    private static Dictionary<string, JsonElement> RunSettings(LimitsSettings limits) => new(StringComparer.Ordinal)
    {
        ["writeRates"] = JsonSerializer.SerializeToElement(limits.WriteRates.ToArray(), ResultsJsonElements.Default.DoubleArray),
        ["replicas"] = JsonSerializer.SerializeToElement(limits.Replicas, ResultsJsonElements.Default.Int32),
        ["mix"] = JsonSerializer.SerializeToElement(limits.Mix, ResultsJsonElements.Default.String),
        ["policy"] = JsonSerializer.SerializeToElement(limits.Policy, ResultsJsonElements.Default.String),
        ["step"] = JsonSerializer.SerializeToElement(limits.Step, ResultsJsonElements.Default.String),
        ["warmup"] = JsonSerializer.SerializeToElement(limits.WarmUp, ResultsJsonElements.Default.String),
        ["stateDir"] = JsonSerializer.SerializeToElement(limits.StateDir, ResultsJsonElements.Default.String),
        ["nodeCpus"] = JsonSerializer.SerializeToElement(limits.NodeCpus, ResultsJsonElements.Default.String),
        ["nodeMemory"] = JsonSerializer.SerializeToElement(limits.NodeMemory, ResultsJsonElements.Default.String),
        ["seedRows"] = JsonSerializer.SerializeToElement(limits.SeedRows, ResultsJsonElements.Default.Int64),
    };
}
