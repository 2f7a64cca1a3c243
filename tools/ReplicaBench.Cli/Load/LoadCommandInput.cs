using System.Globalization;
using ReplicaBench.Configuration;
using ReplicaBench.Engine;
using ReplicaBench.Runs.Faults;
using ReplicaBench.Runs;
using ReplicaBench.Engine.Thresholds;
using ReplicaBench.LoadTests;
using ReplicaBench.Routing;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Faults;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.Cli.Load;

/// <summary>
/// The raw options of <c>replicabench load</c>, and their validation into
/// <see cref="LoadMatrixSettings"/>. Everything the user can get wrong is checked here, before any
/// server starts: each mistake is one <see cref="BadInputException"/> line (exit 2).
/// </summary>
internal sealed record LoadCommandInput
{
    public string? Scenario { get; init; }

    /// <summary>Custom weights (<c>--mix</c>); the run is then scenario <c>custom</c>.</summary>
    public string? Mix { get; init; }

    public string? Replicas { get; init; }

    public string? Policies { get; init; }

    public int? VirtualUsers { get; init; }

    public double? Rate { get; init; }

    public string? Arrivals { get; init; }

    public int? MaxVirtualUsers { get; init; }

    public string Duration { get; init; } = "30s";

    public string WarmUp { get; init; } = "5s";

    public IReadOnlyList<string> ApplyDelays { get; init; } = [];

    public IReadOnlyList<string> Thresholds { get; init; } = [];

    public IReadOnlyList<string> Faults { get; init; } = [];

    public long SeedRows { get; init; } = 100_000;

    /// <summary>How many times each cell is measured (<c>--repeat</c>); compare reads the between-run variance from the repeats.</summary>
    public int Repeat { get; init; } = 1;

    public string? Out { get; init; }

    public bool Force { get; init; }

    public string? StateDir { get; init; }

    /// <summary>The visibility probe's marker spacing (e.g. <c>200ms</c>), or <c>off</c>.</summary>
    public string VisibilityProbe { get; init; } = "200ms";

    /// <summary>The most measurements per cell <c>--repeat</c> takes: beyond it a run is better split into runs.</summary>
    public const int MaxRepeat = 20;

    public LoadMatrixSettings Validate()
    {
        var scenario = Scenarios.Resolve(Scenario, Mix);
        var policies = RoutingPolicySpec.ParseList(Policies ?? "primary-only,round-robin");
        var shape = new LoadShapeOptions
        {
            VirtualUsers = VirtualUsers,
            Rate = Rate,
            Arrivals = Arrivals,
            MaxVirtualUsers = MaxVirtualUsers,
        };
        if (VirtualUsers is <= 0)
        {
            throw new BadInputException(string.Create(CultureInfo.InvariantCulture, $"--vus {VirtualUsers} is not a positive number of virtual users; give at least 1, e.g. --vus 16."));
        }

        var load = (VirtualUsers is null && Rate is null ? shape with { VirtualUsers = 16 } : shape).ToLoadShape();
        var duration = DurationParser.Parse(Duration, "--duration");
        var warmUp = DurationParser.Parse(WarmUp, "--warmup");
        WorkloadSeederRows(SeedRows);
        var thresholds = Threshold.ParseAll(Thresholds);
        var applyDelays = ApplyDelayPlan.Parse(ApplyDelays);
        var stateDirectory = StateDir is null ? null : TopologyStateDirectory.FromOption(StateDir);
        var replicas = ParseReplicas(stateDirectory, applyDelays);

        // Scope checks need the node names: build the scenario once, with the largest topology.
        var maxReplicas = replicas?.Max() ?? stateDirectory!.Read().Replicas.Count;
        LoadScenario.Create(scenario.Name, (_, _) => throw new InvalidOperationException("validation only"))
            .WithOperations(ReplicaBench.Workload.VirtualUsers.WorkloadUserSetup.Operations)
            .WithNodes([new NodeDefinition("primary", NodeRole.Primary), .. Enumerable.Range(1, maxReplicas).Select(i => new NodeDefinition(TopologyRequest.ReplicaName(i), NodeRole.Replica))])
            .WithLoad(load)
            .WithWarmUp(warmUp)
            .WithDuration(duration)
            .WithThresholds(thresholds)
            .Validate();
        if (Repeat is < 1 or > MaxRepeat)
        {
            throw new BadInputException(string.Create(CultureInfo.InvariantCulture, $"--repeat {Repeat} is out of range; give 1 to {MaxRepeat} measurements per cell, e.g. --repeat 3."));
        }

        var faults = ValidateFaults(stateDirectory, replicas ?? [maxReplicas], duration, policies.Count * Repeat);
        var probeSpacing = ParseVisibilityProbe(VisibilityProbe);
        var output = ValidateOut();

        return new LoadMatrixSettings
        {
            Scenario = scenario,
            Replicas = replicas,
            Policies = policies,
            Load = load,
            Duration = duration,
            WarmUp = warmUp,
            ApplyDelays = applyDelays,
            SeedRows = SeedRows,
            Thresholds = [.. Thresholds],
            Repeat = Repeat,
            Faults = faults,
            OutputDirectory = output,
            StateDirectory = stateDirectory,
            VisibilityProbeSpacing = probeSpacing,
            SettingsForResults = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["scenario"] = scenario.Name,
                ["replicas"] = replicas?.ToArray() ?? [maxReplicas],
                ["policies"] = policies.Select(p => p.Name).ToArray(),
                ["model"] = load is OpenLoad ? "open" : "closed",
                ["vus"] = load is ClosedLoad ? load.VirtualUsers : null,
                ["rate"] = Rate,
                ["arrivals"] = load is OpenLoad ? (Arrivals ?? "poisson") : null,
                ["maxVus"] = load is OpenLoad ? load.VirtualUsers : null,
                ["duration"] = DurationParser.Format(duration),
                ["warmup"] = DurationParser.Format(warmUp),
                ["applyDelay"] = applyDelays.IsEmpty ? null : applyDelays.ToString(),
                ["seedRows"] = SeedRows,
                ["repeat"] = Repeat,
                ["thresholds"] = Thresholds.ToArray(),
                ["stateDir"] = stateDirectory is null ? null : "given",
                ["mix"] = scenario.Mix.ToString(),
                ["visibilityProbe"] = probeSpacing is { } spacing ? DurationParser.Format(spacing) : "off",
                ["faults"] = faults.IsEmpty ? null : faults.ToString(),
            },
        };
    }

    /// <summary>
    /// The fault schedule, checked against every topology of the run: the provider must own its
    /// servers (provisioned topologies are local), each replica count must have the nodes named, and
    /// a failover, which reshapes a topology for good, runs on a --state-dir topology for one policy only.
    /// </summary>
    private FaultSchedule ValidateFaults(TopologyStateDirectory? stateDirectory, IReadOnlyList<int> replicaCounts, TimeSpan duration, int cellsPerTopology)
    {
        var faults = FaultSchedule.Parse(Faults);
        if (faults.IsEmpty)
        {
            return faults;
        }

        TopologyFaults.EnsureSupported(stateDirectory?.Read().Provider ?? LocalTopologyProvider.ProviderName);
        foreach (var replicas in replicaCounts.Order())
        {
            faults.Validate(duration, replicas);
        }

        if (faults.HasFailover && stateDirectory is not null && cellsPerTopology > 1)
        {
            throw new BadInputException(
                "--fault failover reshapes the topology in --state-dir for good, so only one cell can run on it; give one --policy (and no --repeat) per run, or drop --state-dir so every cell gets a fresh topology.");
        }

        return faults;
    }

    private static TimeSpan? ParseVisibilityProbe(string value)
    {
        if (string.Equals(value, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var spacing = DurationParser.Parse(value, "--visibility-probe");
        if (spacing < TimeSpan.FromMilliseconds(10))
        {
            throw new BadInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"--visibility-probe {value} is too short to leave the load alone; give 10ms or more (e.g. 200ms), or 'off'."));
        }

        return spacing;
    }

    private static void WorkloadSeederRows(long rows)
    {
        if (rows < 1 || rows > ReplicaBench.Workload.WorkloadSeeder.MaxRows)
        {
            throw new BadInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"--seed-rows {rows} is out of range; give 1 to {ReplicaBench.Workload.WorkloadSeeder.MaxRows}, e.g. --seed-rows 100000."));
        }
    }

    private List<int>? ParseReplicas(TopologyStateDirectory? stateDirectory, ApplyDelayPlan applyDelays)
    {
        List<int>? counts = null;
        if (Replicas is not null)
        {
            counts = [];
            foreach (var entry in Replicas.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > TopologyRequest.MaxReplicas)
                {
                    throw new BadInputException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"--replicas '{Replicas}': '{entry}' is not a replica count from 0 to {TopologyRequest.MaxReplicas}; write counts separated by commas, e.g. --replicas 0,1,2."));
                }

                if (counts.Contains(count))
                {
                    throw new BadInputException($"--replicas '{Replicas}' lists {entry} twice; list each replica count once.");
                }

                counts.Add(count);
            }
        }

        if (stateDirectory is null)
        {
            counts ??= [0, 2];
            applyDelays.ValidateAgainst(TopologyRequestNames(counts.Max()));
            return counts;
        }

        if (!applyDelays.IsEmpty)
        {
            throw new BadInputException("--apply-delay applies when the load command provisions topologies; with --state-dir set the delay at 'replicabench topology up', or drop --state-dir.");
        }

        var existing = stateDirectory.Read().Replicas.Count;
        if (counts is not null && (counts.Count != 1 || counts[0] != existing))
        {
            throw new BadInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"--replicas '{Replicas}' does not match the topology in {stateDirectory.Path}, which has {existing} replica(s); give --replicas {existing} or omit it."));
        }

        return null;
    }

    private static List<string> TopologyRequestNames(int replicas) => [.. Enumerable.Range(1, replicas).Select(TopologyRequest.ReplicaName)];

    private string ValidateOut()
    {
        if (string.IsNullOrWhiteSpace(Out))
        {
            throw new BadInputException("--out is missing; name the folder for results.json, e.g. --out reports/load-1.");
        }

        var full = Path.GetFullPath(Out);
        if (File.Exists(full))
        {
            throw new BadInputException($"--out {Out} is a file; give a folder, e.g. --out reports/load-1.");
        }

        var holdsRun = File.Exists(Path.Combine(full, ResultsFileWriter.FileName)) || Directory.Exists(Path.Combine(full, "cells"));
        if (holdsRun && !Force)
        {
            throw new BadInputException($"--out {Out} already holds a run (results.json); choose another folder, or add --force to replace it.");
        }

        return full;
    }

    /// <summary>
    /// Removes the previous run from a folder <see cref="Validate"/> accepted (with --force), just
    /// before the new run starts; validation itself changes nothing, so <c>--check</c> can run it.
    /// Other files in the folder (a run-bench run's micro/ results) stay.
    /// </summary>
    public static void ClearPreviousRun(string outputDirectory)
    {
        if (!Directory.Exists(outputDirectory))
        {
            return;
        }

        File.Delete(Path.Combine(outputDirectory, ResultsFileWriter.FileName));
        var cells = Path.Combine(outputDirectory, "cells");
        if (Directory.Exists(cells))
        {
            Directory.Delete(cells, recursive: true);
        }
    }
}
