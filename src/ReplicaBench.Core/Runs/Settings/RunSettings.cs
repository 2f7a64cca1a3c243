using ReplicaBench.Configuration;
using ReplicaBench.Engine;
using ReplicaBench.Routing;
using ReplicaBench.Runs.Faults;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Emulation;

namespace ReplicaBench.Runs.Settings;

/// <summary>
/// results.json's <c>run.settings</c>: the settings as the user would type them again, with what the
/// defaults came to filled in (the replica counts, the model, the pool). Keys are those of
/// <see cref="LoadSettings"/>, so a run file can be written from a recorded run.
/// </summary>
internal static class RunSettings
{
    public static Dictionary<string, object?> For(
        LoadSettings settings,
        IWorkloadScenario scenario,
        IReadOnlyList<int> replicas,
        IReadOnlyList<RoutingPolicySpec> policies,
        LoadShape load,
        TimeSpan duration,
        TimeSpan warmUp,
        TimeSpan operationTimeout,
        ApplyDelayPlan applyDelays,
        NodeBudget budget,
        TopologyStateDirectory? stateDirectory,
        TimeSpan? probeSpacing,
        FaultSchedule faults,
        IReadOnlyList<bool>? hotStandbyFeedback = null)
    {
        var recorded = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["scenario"] = scenario.Name,
            ["replicas"] = replicas.ToArray(),
            ["policies"] = policies.Select(p => p.Name).ToArray(),
            ["model"] = load is OpenLoad ? "open" : "closed",
            ["vus"] = load is ClosedLoad closedLoad ? closedLoad.StartVirtualUsers : null,
            ["rate"] = settings.Rate,
            ["arrivals"] = load is OpenLoad ? (settings.Arrivals ?? "poisson") : null,
            ["maxVus"] = load is OpenLoad ? load.VirtualUsers : null,
            ["stages"] = settings.Stages is not { Count: > 0 } ? null
                : load is OpenLoad open ? LoadShapeSettings.Format(open.Rate.Stages)
                : LoadShapeSettings.Format(((ClosedLoad)load).Stages.Select(s => new RateStage(s.Duration, s.Target))),
            ["think"] = load is ClosedLoad { ThinkTime.IsNone: false } closed ? closed.ThinkTime.ToString() : null,
            ["randomSeed"] = settings.RandomSeed,
            ["duration"] = DurationParser.Format(duration),
            ["warmup"] = DurationParser.Format(warmUp),
            ["generatorWarmup"] = DurationParser.Format(DurationParser.Parse(settings.GeneratorWarmup, "--generator-warmup")),
            ["opTimeout"] = DurationParser.Format(operationTimeout),
            ["applyDelay"] = applyDelays.IsEmpty ? null : applyDelays.ToString(),
            ["nodeCpus"] = budget.Cpus.IsEmpty ? null : budget.Cpus.ToString(),
            ["nodeMemory"] = budget.Memory.IsEmpty ? null : budget.Memory.ToString(),
            ["seedRows"] = settings.SeedRows,
            ["repeat"] = settings.Repeat,
            ["thresholds"] = (settings.Thresholds ?? []).ToArray(),
            ["stateDir"] = stateDirectory?.Path,
            ["mix"] = scenario.Mix?.ToString(),
            ["scripts"] = scenario is ScriptScenario scripts ? scripts.Workload.Scripts.Select(s => s.Weight == 1 ? Path.GetFullPath(s.Source) : $"{Path.GetFullPath(s.Source)}@{s.Weight}").ToArray() : null,
            ["defines"] = settings.Defines is { Count: > 0 } defines ? defines.ToArray() : null,
            ["noSeed"] = settings.NoSeed,
            ["visibilityProbe"] = probeSpacing is { } spacing ? DurationParser.Format(spacing) : "off",
            ["faults"] = faults.IsEmpty ? null : faults.ToString(),
            // Shards of one matrix have the same settings except "shard": a merge checks exactly that.
            ["shard"] = settings.Shard?.Trim(),
            ["startAt"] = settings.StartAt?.Trim(),
        };

        // Only where used, so that every other run's settings stay as they were.
        if (scenario is LongReadsScenario longReads)
        {
            recorded["longRead"] = DurationParser.Format(longReads.LongRead);
        }

        if (hotStandbyFeedback is not null)
        {
            recorded["hotStandbyFeedback"] = hotStandbyFeedback.Select(HotStandbyFeedbackSettings.Format).ToArray();
        }

        return recorded;
    }
}
