using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;

namespace ReplicaBench.Reporting.Planning;

/// <summary>
/// Answers "how many replicas do we need?" from measured cells only. A topology meets the request
/// when one of its cells meets it (<see cref="CellVerdict"/>): capacity with headroom, the target's
/// read/write mix, p99, and staleness evidence under the bound (<see cref="StalenessEvidence"/>).
/// It never assumes staleness it did not measure. Beyond the largest topology measured it answers
/// only in CPU terms, from emulated nodes' CPU per operation (<see cref="CpuExtrapolation"/>), with
/// that assumption stated; otherwise, when no topology meets the request, the answer says so, why,
/// and what to measure next.
/// </summary>
public static class CapacityPlanner
{
    /// <param name="folder">The measured run.</param>
    /// <param name="request">The target.</param>
    /// <param name="sizing">Node sizes other than measured (<c>--replica-cpus</c>, <c>--primary-cpus</c>): the answer is then in CPU terms only.</param>
    public static CapacityPlan Plan(RunFolder folder, PlanRequest request, CpuSizing? sizing = null) => Plan([folder], request, sizing);

    /// <summary>
    /// The same from several runs together (e.g. one per replica count, made on different nights):
    /// their cells are judged side by side, and every figure names the run it came from.
    /// </summary>
    public static CapacityPlan Plan(IReadOnlyList<RunFolder> folders, PlanRequest request, CpuSizing? sizing = null)
    {
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(request);
        sizing ??= CpuSizing.Measured;
        foreach (var folder in folders)
        {
            _ = folder.Load?.Run ?? throw new BadInputException($"'{folder.Directory}' has no load results (results.json); plan needs a load run over one or more topologies.");
            if (folder.Cells.Count == 0)
            {
                throw new BadInputException($"'{folder.Directory}' has a results.json with no measured cell; plan needs a load run that finished at least one cell.");
            }
        }

        // A limits run measures replay capacity, not a topology's: its write-only steps are not judged as cells.
        var limitsRuns = folders.Where(f => f.Load!.Limits is not null).ToArray();
        var limits = WriteLimits.Of(limitsRuns);
        folders = [.. folders.Except(limitsRuns)];
        if (folders.Count == 0)
        {
            throw new BadInputException(
                $"'{string.Join("', '", limitsRuns.Select(f => f.Directory))}' {(limitsRuns.Length == 1 ? "is a limits run" : "are limits runs")}: plan needs a load run too (the limits are checked against its topologies); add a load run folder.");
        }

        var usable = 1 - request.Headroom;
        var replayProblem = limits.Problem(request.TargetWrites, usable);
        var sources = new RunSources(folders);
        var targetMix = ReadWriteMix.Of(request.TargetReads, request.TargetWrites);
        var assumptions = Assumptions(folders, request, targetMix);
        assumptions.Add(limits.Assumption(request.TargetWrites));
        var risks = LongReadRisk.Statements([.. folders.SelectMany(f => f.Cells)], sources);
        var mixText = targetMix?.ToString() ?? "no reads and no writes, so no mix";
        var reasoning = new List<string>();
        var verdicts = new List<CellVerdict>();
        var cells = folders.SelectMany(f => f.Cells).ToArray();
        foreach (var replicas in cells.Select(c => c.Replicas).Distinct().Order())
        {
            var topology = cells.Where(c => c.Replicas == replicas).OrderBy(c => c.Policy, StringComparer.Ordinal)
                .Select(c => CellVerdict.Evaluate(c, request, targetMix)).ToArray();
            verdicts.AddRange(topology);
            // Replay limits rule out every replica count alike: each replica replays every write.
            var replayBlocks = replicas > 0 && replayProblem is not null;
            foreach (var verdict in topology)
            {
                var problems = replayBlocks ? [.. verdict.Problems, replayProblem!] : verdict.Problems;
                reasoning.Add($"{verdict.Cell.Label}{sources.Of(verdict.Cell)}: reads {Format.Number(verdict.Reads)}/s, writes {Format.Number(verdict.Cell.WriteThroughput)}/s, " +
                    $"mix {verdict.Mix?.ToString() ?? "not measured"}, p99 {Format.Ms(verdict.Cell.LatencyMs?.P99)}, staleness {verdict.Staleness.Describe()} → " +
                    (problems.Count == 0 ? "meets the target" : string.Join("; ", problems)));
            }

            if (!sizing.Resized && !replayBlocks && topology.Where(v => v.Meets).OrderByDescending(v => v.Reads).FirstOrDefault() is { } best)
            {
                return new CapacityPlan(true, replicas, best.Cell.Policy, Recommendation(replicas, best) + sources.Sentence(best.Cell), mixText, reasoning, assumptions) { Risks = risks };
            }
        }

        if (replayProblem is not null)
        {
            // No primary-only cell met the target, and no replica can replay its writes: more replicas cannot help.
            return new CapacityPlan(
                false, null, null, $"No topology meets the target: {Format.Number(request.TargetWrites)} writes/s is more than the replicas can replay ({replayProblem}); replicas do not add write or replay capacity, so measure bigger replicas (limits --node-cpus) or plan for fewer writes.",
                mixText, reasoning, assumptions)
            { Risks = risks };
        }

        if (CpuExtrapolation.Estimate(verdicts, request, sizing) is { } estimate)
        {
            assumptions.Add(CpuExtrapolation.Assumption);
            return new CapacityPlan(
                estimate.PrimaryFits(request), estimate.Replicas, estimate.Cell.Policy, CpuExtrapolation.Describe(estimate, request) + sources.Sentence(estimate.Cell), mixText, reasoning, assumptions, Extrapolated: true)
            { Risks = risks };
        }

        if (sizing.Resized)
        {
            throw new BadInputException(
                $"'{string.Join("', '", folders.Select(f => f.Directory))}' {(folders.Count == 1 ? "has" : "have")} no CPU per operation of emulated replicas in a cell that meets the target but for capacity, so it cannot size nodes in CPUs; measure on emulated nodes (load --node-cpus) or drop --replica-cpus/--primary-cpus.");
        }

        return new CapacityPlan(false, null, null, NoneMeets(verdicts, request, targetMix, sources), mixText, reasoning, assumptions) { Risks = risks };
    }

    private static List<string> Assumptions(IReadOnlyList<RunFolder> folders, PlanRequest request, ReadWriteMix? targetMix)
    {
        var runs = folders.Select(f => f.Load!.Run).ToArray();
        var model = string.Join(" and ", runs.Select(r => r.Settings.GetValueOrDefault("model").ToString() switch { "" => "load model not recorded", var m => m + " model" }).Distinct(StringComparer.Ordinal));
        var assumptions = new List<string>
        {
            $"Capacity per topology is the throughput measured in its cell ({model}); a closed-model run measures capacity only if its virtual users saturated the nodes.",
            $"Headroom: {Format.Percent(request.Headroom)} of every measured figure is kept free, so a topology must carry the target at {Format.Percent(1 - request.Headroom)} of what it did.",
            "Writes do not scale with replicas: every replica replays the primary's whole write load (WAL), so adding replicas adds read capacity only, and write-heavy loads also slow replay.",
            targetMix is null
                ? "The target has no reads and no writes, so it has no mix: the cells are taken at the mix they ran."
                : $"The plan is for the target's mix, {targetMix}: a cell counts only if its measured mix is within {ReadWriteMix.ToleranceText} of it, since the mix changes both capacity and staleness.",
            "Staleness of a cell that reads from replicas is the worst measured figure: the visibility probe's p99 and the server's replay lag (largest sample) of each replica that served reads, " +
                "and the stale-read age p99 when the cell wrote (without writes the checks cannot see a stale read). Replay age is not used: it grows on an idle primary. " +
                "A cell without any of these has no staleness evidence and is not recommended; reads on the primary are never stale.",
        };
        if (folders.Count > 1)
        {
            assumptions.Add(RunSources.Origins(folders));
        }

        if (runs.Any(r => r.SameHost))
        {
            assumptions.Add(ReportVerdict.SameHostCaveat + " Separate hosts add CPU with each replica; these figures understate that.");
        }

        return assumptions;
    }

    private static string Recommendation(int replicas, CellVerdict best)
    {
        var staleness = best.Staleness.ReadsReplicas
            ? $"its reads were at most {Format.Ms(best.Staleness.WorstMs)} stale ({best.Staleness.Figures.MaxBy(f => f.Ms)})"
            : "its reads all went to the primary, so none was stale";
        return $"{replicas} replica{(replicas == 1 ? "" : "s")} with {best.Cell.Policy} meet{(replicas == 1 ? "s" : "")} the target (the smallest measured topology that does); {staleness}.";
    }

    /// <summary>Why no measured topology meets the request, the most basic reason first, with what to measure next.</summary>
    private static string NoneMeets(IReadOnlyList<CellVerdict> verdicts, PlanRequest request, ReadWriteMix? targetMix, RunSources sources)
    {
        const string None = "No measured topology meets the target";
        var usable = 1 - request.Headroom;
        var largest = verdicts.Max(v => v.Cell.Replicas);
        var bestReads = verdicts.Where(v => v.Cell.Replicas == largest).Max(v => v.Reads * usable);
        if (bestReads < request.TargetReads)
        {
            return $"{None}: {Format.Number(request.TargetReads)} reads/s exceeds what the largest measured topology ({largest} replicas) carries with headroom ({Format.Number(bestReads)}/s); " +
                "cannot tell from these runs what would, so measure a larger topology rather than extrapolate.";
        }

        if (verdicts.All(v => v.Writes * usable < request.TargetWrites))
        {
            return $"{None}: {Format.Number(request.TargetWrites)} writes/s exceeds every measured cell's write throughput with headroom; replicas do not add write capacity, so the primary itself must be measured bigger.";
        }

        if (targetMix is not null && verdicts.All(v => v.MixDiffers))
        {
            var measured = string.Join(", ", verdicts.Select(v => v.Mix?.ToString() ?? "not measured").Distinct(StringComparer.Ordinal));
            return $"{None}: no cell ran the target's mix ({targetMix}; the cells ran {measured}); cannot tell from these runs, so measure that mix (load --mix).";
        }

        if (verdicts.Any(v => v.StalenessUnknown && v.Problems.Count == 1))
        {
            return $"{None}: the cells that have the capacity read from replicas with no staleness evidence (no visibility probe, no server replay lag, no stale-read checks under writes), " +
                $"so no replica policy is recommended under a {Format.Ms(request.MaxStalenessMs)} staleness bound; re-run load with the visibility probe (--visibility-probe, on by default where the topology allows writes) or with writes in the mix (--mix).";
        }

        if (verdicts.Where(v => v.StalenessOver && v.Problems.Count == 1).ToArray() is { Length: > 0 } stale)
        {
            var worst = string.Join("; ", stale.Select(v => $"{v.Cell.Label}{sources.Of(v.Cell)}: {v.Beyond[0]}"));
            return $"{None}: the cells that have the capacity read data older than the {Format.Ms(request.MaxStalenessMs)} staleness bound ({worst}); " +
                $"measure a policy that keeps replica reads within it (e.g. --policy bounded-staleness:{Math.Round(request.MaxStalenessMs).ToString(System.Globalization.CultureInfo.InvariantCulture)}ms) or the primary alone on a bigger node.";
        }

        return $"{None} (see the reasoning per cell): it needs a different policy, a bigger node or a looser bound, and these runs cannot tell which.";
    }
}
