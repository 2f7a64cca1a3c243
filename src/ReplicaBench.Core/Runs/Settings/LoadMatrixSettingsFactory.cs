using Microsoft.Extensions.Configuration;
using ReplicaBench.Configuration;
using ReplicaBench.Engine;
using ReplicaBench.Engine.Sharding;
using ReplicaBench.Engine.Thresholds;
using ReplicaBench.Routing;
using ReplicaBench.Runs.Faults;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Emulation;
using ReplicaBench.Topology.Faults;
using ReplicaBench.Topology.Local;
using ReplicaBench.Workload.LongReads;
using ReplicaBench.Workload.VirtualUsers;

namespace ReplicaBench.Runs.Settings;

/// <summary>
/// Turns <see cref="LoadSettings"/> into the <see cref="LoadMatrixSettings"/> a matrix run needs,
/// checking everything before any server starts: each value on its own
/// (<see cref="LoadSettingsValidator"/>), then what only holds together — the scenario and its mix,
/// the load shape, thresholds against the nodes, faults against every topology, a --state-dir
/// topology against the replica counts. Each mistake is one <see cref="BadInputException"/> line.
/// Reading a --state-dir topology is the only thing it does outside memory; it changes nothing.
/// </summary>
public static class LoadMatrixSettingsFactory
{
    /// <summary>Binds <see cref="LoadSettings"/> from layered configuration, then <see cref="Create"/>s.</summary>
    /// <param name="configuration">The layers, the last source that has a key winning (e.g. variables, then flags).</param>
    /// <param name="resolveScenario">Finds the scenario for <c>--scenario</c> and <c>--mix</c> (the scenarios live outside the library).</param>
    public static LoadMatrixSettings FromConfiguration(IConfigurationRoot configuration, Func<string?, string?, IWorkloadScenario> resolveScenario) =>
        Create(SettingsBinder.Bind<LoadSettings>(configuration), resolveScenario, new SettingNames(configuration));

    public static LoadMatrixSettings Create(LoadSettings settings, Func<string?, string?, IWorkloadScenario> resolveScenario, SettingNames? names = null)
    {
        SettingsBinder.Validate(settings, new LoadSettingsValidator(names ?? SettingNames.None));
        var shard = ShardSpec.Parse(settings.Shard, settings.StartAt);
        if (shard is not null && settings.StateDir is null)
        {
            throw new BadInputException(
                "--shard splits the load on one topology that every shard shares; give each shard the same --state-dir DIR (from 'replicabench topology up' or 'external up'), e.g. --state-dir ./topo.");
        }

        if (shard is not null && settings.Faults is { Count: > 0 })
        {
            throw new BadInputException("--fault with --shard would inject every fault once per shard; run a fault schedule unsharded, or drop --fault.");
        }

        IWorkloadScenario scenario = ScriptSettings.Resolve(settings) ?? LongReadsSettings.Resolve(settings) ?? resolveScenario(settings.Scenario, settings.Mix);
        LongReadsSettings.EnsureLengthHasScenario(settings, scenario);
        if (scenario is LongReadsScenario && shard is not null)
        {
            throw new BadInputException($"--scenario {LongReadsScenario.ScenarioName} makes its table afresh for each cell, which shards would do over each other; run it unsharded.");
        }

        var policies = RoutingPolicySpec.ParseList(string.Join(',', settings.Policies ?? LoadSettings.DefaultPolicies));
        var stages = settings.Stages is { Count: > 0 } given ? LoadShapeSettings.Stages(given) : null;
        var load = new LoadShapeOptions
        {
            VirtualUsers = settings.Vus ?? (settings.Rate is null && stages is null ? LoadSettings.DefaultVirtualUsers : null),
            Rate = settings.Rate,
            Stages = stages,
            Arrivals = settings.Arrivals,
            // The arrivals' seed is the open model's; a closed model's randomness is the users' (LoadScenario.RandomSeed).
            Seed = settings.Rate is not null || stages is not null ? settings.RandomSeed : null,
            MaxVirtualUsers = settings.MaxVus,
            ThinkTime = LoadShapeSettings.Think(settings.Think),
        }.ToLoadShape();
        CheckModel(settings.Model, load);

        var duration = settings.Duration is { } typed
            ? DurationParser.Parse(typed, "--duration")
            : stages is not null ? stages.Aggregate(TimeSpan.Zero, (total, stage) => total + stage.Duration) : DurationParser.Parse(LoadShapeSettings.DefaultDuration, "--duration");
        var warmUp = DurationParser.Parse(settings.Warmup, "--warmup");
        var generatorWarmUp = DurationParser.Parse(settings.GeneratorWarmup, "--generator-warmup");
        var operationTimeout = LongReadsSettings.OperationTimeout(settings, scenario);
        var thresholds = Threshold.ParseAll(settings.Thresholds ?? []);
        var applyDelays = ApplyDelayPlan.Parse(settings.ApplyDelay ?? []);
        var stateDirectory = settings.StateDir is null ? null : TopologyStateDirectory.FromOption(settings.StateDir);
        if (stateDirectory is { HasTopology: true })
        {
            ReadOnlyRunCheck.Ensure(stateDirectory.Read(), stateDirectory.Path, scenario);
        }

        var replicas = ReplicaCounts(settings, stateDirectory, applyDelays);
        var feedback = HotStandbyFeedbackSettings.Parse(settings.HotStandbyFeedback, stateDirectory, replicas);
        if (feedback is not null && shard is not null)
        {
            throw new BadInputException("--hot-standby-feedback with --shard would have every shard reconfigure the replicas; run the pair unsharded, or drop --hot-standby-feedback.");
        }
        var (budget, emulationNote) = Budget(settings, stateDirectory, replicas);

        // Scope checks need the node names: build the scenario once, with the largest topology.
        var maxReplicas = replicas?.Max() ?? stateDirectory!.Read().Replicas.Count;
        LoadScenario.Create(scenario.Name, (_, _) => throw new InvalidOperationException("validation only"))
            .WithOperations(scenario switch
            {
                ScriptScenario scripts => scripts.Workload.Operations.ToArray(),
                LongReadsScenario => LongReadVirtualUser.Operations,
                _ => WorkloadUserSetup.Operations,
            })
            .WithNodes([new NodeDefinition("primary", NodeRole.Primary), .. Enumerable.Range(1, maxReplicas).Select(i => new NodeDefinition(TopologyRequest.ReplicaName(i), NodeRole.Replica))])
            .WithLoad(load)
            .WithWarmUp(warmUp)
            .WithDuration(duration)
            .WithThresholds(thresholds)
            .Validate();
        var faults = Faults(settings.Faults ?? [], stateDirectory, replicas ?? [maxReplicas], duration, (replicas?.Count ?? 1) * policies.Count * settings.Repeat);
        TimeSpan? probeSpacing = string.Equals(settings.VisibilityProbe, "off", StringComparison.OrdinalIgnoreCase)
            ? null
            : DurationParser.Parse(settings.VisibilityProbe, "--visibility-probe");

        return new LoadMatrixSettings
        {
            Scenario = scenario,
            Replicas = replicas,
            Policies = policies,
            // Validated as the whole above; each shard runs its share of it.
            Load = shard is null ? load : load.ForShard(shard.Segment),
            Shard = shard,
            Duration = duration,
            WarmUp = warmUp,
            FirstCellExtraWarmUp = generatorWarmUp,
            OperationTimeout = operationTimeout,
            HotStandbyFeedback = feedback,
            ApplyDelays = applyDelays,
            NodeBudget = budget,
            EmulationNote = emulationNote,
            SeedRows = settings.SeedRows,
            NoSeed = settings.NoSeed,
            RandomSeed = settings.RandomSeed,
            Repeat = settings.Repeat,
            Thresholds = [.. settings.Thresholds ?? []],
            Faults = faults,
            OutputDirectory = Path.GetFullPath(settings.Out!),
            StateDirectory = stateDirectory,
            // Only shard 1 probes: the markers are writes, and one probe measures the topology for all shards.
            VisibilityProbeSpacing = shard is { IsFirst: false } ? null : probeSpacing,
            SettingsForResults = RunSettings.For(settings, scenario, replicas ?? [maxReplicas], policies, load, duration, warmUp, operationTimeout, applyDelays, budget, stateDirectory, probeSpacing, faults, feedback),
        };
    }

    /// <summary>A recorded <c>model</c> (a run file made from run.settings) must be the one <c>vus</c> or <c>rate</c> gives.</summary>
    private static void CheckModel(string? model, LoadShape load)
    {
        var actual = load is OpenLoad ? "open" : "closed";
        if (model is not null && !string.Equals(model.Trim(), actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new BadInputException(
                model.Trim() is "open" or "closed"
                    ? $"model '{model}' disagrees with the load given: {(actual == "open" ? "a rate makes the run open" : "virtual users without a rate make the run closed")}; give --rate for the open model or --vus for the closed one, or drop model."
                    : $"model '{model}' is not closed or open; drop it (--vus or --rate decides the model).");
        }
    }

    /// <summary>
    /// The fault schedule, checked against every topology of the run: the provider must own its
    /// servers (provisioned topologies are local), each replica count must have the nodes named, and
    /// a failover, which reshapes a topology for good, runs on a --state-dir topology for one policy only.
    /// </summary>
    private static FaultSchedule Faults(IReadOnlyList<string> specs, TopologyStateDirectory? stateDirectory, IReadOnlyList<int> replicaCounts, TimeSpan duration, int policies)
    {
        var faults = FaultSchedule.Parse(specs);
        if (faults.IsEmpty)
        {
            return faults;
        }

        TopologyFaults.EnsureSupported(stateDirectory?.Read().Provider ?? LocalTopologyProvider.ProviderName);
        foreach (var replicas in replicaCounts.Order())
        {
            faults.Validate(duration, replicas);
        }

        if (faults.HasFailover && stateDirectory is not null && policies > 1)
        {
            throw new BadInputException(
                "--fault failover reshapes the topology in --state-dir for good, so only one cell can run on it; give one --policy and one replica count per run, or drop --state-dir so every cell gets a fresh topology.");
        }

        return faults;
    }

    /// <summary>
    /// The servers' emulated size, for the topologies the run provisions (local ones, so it is
    /// checked now that cgroups can enforce it, rather than when the first topology comes up).
    /// </summary>
    private static (NodeBudget Budget, string? Note) Budget(LoadSettings settings, TopologyStateDirectory? stateDirectory, IReadOnlyList<int>? replicas)
    {
        var budget = NodeBudget.Parse(AutoNodeCpus.IsAuto(settings.NodeCpus) ? null : settings.NodeCpus, settings.NodeMemory);
        if (AutoNodeCpus.IsAuto(settings.NodeCpus) && (stateDirectory is null || budget.IsEmpty))
        {
            return AutoBudget(settings, stateDirectory, replicas);
        }

        if (budget.IsEmpty)
        {
            return (budget, null);
        }

        if (stateDirectory is not null)
        {
            throw new BadInputException(
                $"{budget.Options} applies when the load command provisions topologies; with --state-dir give it to 'replicabench topology up', or drop --state-dir.");
        }

        LocalTopologyProvider.EnsureBudgetSupported(budget);
        return (budget, null);
    }

    /// <summary>
    /// <c>--node-cpus auto</c>: emulate where this machine can (the topologies the run provisions
    /// itself, as root with a writable cgroup), else run as before and say why.
    /// </summary>
    private static (NodeBudget Budget, string? Note) AutoBudget(LoadSettings settings, TopologyStateDirectory? stateDirectory, IReadOnlyList<int>? replicas)
    {
        if (stateDirectory is not null || replicas is null)
        {
            return (NodeBudget.Parse(null, settings.NodeMemory), "nodes not emulated: --node-cpus auto sizes only the topologies the run provisions, not the one in --state-dir.");
        }

        var nodes = replicas.Max() + 1;
        var cores = Environment.ProcessorCount;
        if (AutoNodeCpus.Text(nodes, cores) is not { } quota)
        {
            return (NodeBudget.Parse(null, settings.NodeMemory), $"nodes not emulated: {cores} core(s) leave no room for {nodes} node(s) beside the generator's core.");
        }

        var budget = NodeBudget.Parse(quota, settings.NodeMemory);
        try
        {
            LocalTopologyProvider.EnsureBudgetSupported(budget);
        }
        catch (BadInputException ex)
        {
            return (NodeBudget.Parse(null, settings.NodeMemory), $"nodes not emulated ({ex.Message.TrimEnd('.')}).");
        }

        return (budget, $"emulating each node as {quota} CPU (--node-cpus auto: {cores} cores less 1 for the load generator, shared by the largest topology's {nodes} nodes).");
    }

    /// <summary>The replica counts to provision, or null to run on what is up in the state dir.</summary>
    private static List<int>? ReplicaCounts(LoadSettings settings, TopologyStateDirectory? stateDirectory, ApplyDelayPlan applyDelays)
    {
        if (stateDirectory is null)
        {
            var counts = settings.Replicas is { } given ? [.. given] : new List<int>(LoadSettings.DefaultReplicas);
            applyDelays.ValidateAgainst([.. Enumerable.Range(1, counts.Max()).Select(TopologyRequest.ReplicaName)]);
            return counts;
        }

        if (!applyDelays.IsEmpty)
        {
            throw new BadInputException("--apply-delay applies when the load command provisions topologies; with --state-dir set the delay at 'replicabench topology up', or drop --state-dir.");
        }

        var existing = stateDirectory.Read().Replicas.Count;
        if (settings.Replicas is not { } replicas)
        {
            return null;
        }

        // A sweep over endpoints that are all up: k replicas means the first k of them.
        if (replicas.Where(k => k > existing).Select(k => (int?)k).FirstOrDefault() is { } tooMany)
        {
            throw new BadInputException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"--replicas '{replicas}' asks for {tooMany} replica(s), and the topology in {stateDirectory.Path} has {existing}; give counts from 0 to {existing} (each uses the first that many), or omit --replicas."));
        }

        return [.. replicas];
    }
}
