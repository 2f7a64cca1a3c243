using ReplicaBench.Reporting.Report;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Planning;

/// <summary>
/// Answers "how many replicas do we need?" from measured cells only. A topology meets the request
/// when one of its cells, with headroom taken off its measured throughput, carries the target reads
/// and writes, keeps p99 under the bound, and has measured staleness under the bound. It never
/// extrapolates beyond the largest topology measured and never assumes staleness it did not measure:
/// then the answer is "cannot tell from these runs" with what to measure next.
/// </summary>
public static class CapacityPlanner
{
    public static CapacityPlan Plan(RunFolder folder, PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(request);
        var run = folder.Load?.Run ?? throw new BadInputException($"'{folder.Directory}' has no load results (results.json); plan needs a load run over one or more topologies.");
        var usable = 1 - request.Headroom;
        var assumptions = new List<string>
        {
            $"Capacity per topology is the throughput measured in its cell ({run.Settings.GetValueOrDefault("model").ToString() switch { "" => "load model not recorded", var m => m + " model" }}); a closed-model run measures capacity only if its virtual users saturated the nodes.",
            $"Headroom: {Format.Percent(request.Headroom)} of every measured figure is kept free, so a topology must carry the target at {Format.Percent(usable)} of what it did.",
            "Writes do not scale with replicas: every replica replays the primary's whole write load (WAL), so adding replicas adds read capacity only, and write-heavy loads also slow replay.",
            "The target's read:write mix is compared with each cell's measured mix; a very different mix changes both figures.",
            "Staleness counts only where it was measured: the stale-read age p99 of reads that saw an old version (0 when no stale read was seen); reads on the primary are never stale.",
        };
        if (run.SameHost)
        {
            assumptions.Add(ReportVerdict.SameHostCaveat + " Separate hosts add CPU with each replica; these figures understate that.");
        }

        var reasoning = new List<string>();
        var topologies = folder.Cells.Select(c => c.Replicas).Distinct().Order().ToArray();
        var stalenessUnknownSomewhere = false;
        foreach (var replicas in topologies)
        {
            var verdicts = folder.Cells.Where(c => c.Replicas == replicas).OrderBy(c => c.Policy, StringComparer.Ordinal)
                .Select(c => (Cell: c, Problems: Problems(c, request, usable, ref stalenessUnknownSomewhere))).ToArray();
            var meets = verdicts.Where(v => v.Problems.Count == 0).OrderByDescending(v => v.Cell.ReadThroughput ?? v.Cell.Throughput).FirstOrDefault();
            foreach (var (cell, problems) in verdicts)
            {
                reasoning.Add($"{cell.Label}: reads {Format.Number(Reads(cell))}/s, writes {Format.Number(cell.WriteThroughput)}/s, p99 {Format.Ms(cell.LatencyMs?.P99)}, staleness {StalenessText(cell)} → " +
                    (problems.Count == 0 ? "meets the target" : string.Join("; ", problems)));
            }

            if (meets.Cell is not null)
            {
                return new CapacityPlan(true, replicas, meets.Cell.Policy,
                    $"{replicas} replica{(replicas == 1 ? "" : "s")} with {meets.Cell.Policy} meet{(replicas == 1 ? "s" : "")} the target (the smallest measured topology that does).",
                    reasoning, assumptions);
            }
        }

        return new CapacityPlan(false, null, null, CannotTell(folder.Cells, request, usable, stalenessUnknownSomewhere), reasoning, assumptions);
    }

    private static List<string> Problems(CellResults cell, PlanRequest request, double usable, ref bool stalenessUnknown)
    {
        var problems = new List<string>();
        if (Reads(cell) * usable < request.TargetReads)
        {
            problems.Add($"reads short ({Format.Number(Reads(cell) * usable)}/s usable < {Format.Number(request.TargetReads)}/s)");
        }

        if ((cell.WriteThroughput ?? 0) * usable < request.TargetWrites)
        {
            problems.Add($"writes short ({Format.Number((cell.WriteThroughput ?? 0) * usable)}/s usable < {Format.Number(request.TargetWrites)}/s)");
        }

        if (cell.LatencyMs?.P99 is not { } p99)
        {
            problems.Add("p99 not measured");
        }
        else if (p99 > request.P99Ms)
        {
            problems.Add($"p99 {Format.Ms(p99)} > {Format.Ms(request.P99Ms)}");
        }

        if (Staleness(cell) is not { } staleness)
        {
            stalenessUnknown = true;
            problems.Add("staleness not measured");
        }
        else if (staleness > request.MaxStalenessMs)
        {
            problems.Add($"stale-read age p99 {Format.Ms(staleness)} > {Format.Ms(request.MaxStalenessMs)}");
        }

        return problems;
    }

    private static string CannotTell(IReadOnlyList<CellResults> cells, PlanRequest request, double usable, bool stalenessUnknown)
    {
        var largest = cells.Max(c => c.Replicas);
        var bestReads = cells.Where(c => c.Replicas == largest).Max(c => Reads(c) * usable);
        if (bestReads < request.TargetReads)
        {
            return $"Cannot tell from these runs: {Format.Number(request.TargetReads)} reads/s exceeds what the largest measured topology ({largest} replicas) carries with headroom ({Format.Number(bestReads)}/s); measure a larger topology rather than extrapolate.";
        }

        if (cells.All(c => (c.WriteThroughput ?? 0) * usable < request.TargetWrites))
        {
            return $"Cannot tell from these runs: {Format.Number(request.TargetWrites)} writes/s exceeds every measured cell's write throughput with headroom; replicas do not add write capacity, so the primary itself must be measured bigger.";
        }

        if (stalenessUnknown)
        {
            return "Cannot tell from these runs: staleness was not measured in the cells that have the capacity; re-run with the per-read staleness checks or the visibility probe.";
        }

        return "No measured topology meets every bound (see the reasoning); the target needs a different policy, a bigger node or a looser bound — cannot tell from these runs which.";
    }

    private static double Reads(CellResults cell) => cell.ReadThroughput ?? cell.Throughput;

    /// <summary>Measured staleness in ms; null when it was not measured (replica-routed reads without checks).</summary>
    private static double? Staleness(CellResults cell)
    {
        if (cell.Replicas == 0 || cell.Policy == ReportBaselinePolicy)
        {
            return 0;
        }

        return cell.StaleReads switch
        {
            null => null,
            0 => 0,
            _ => cell.StaleAgeMs?.P99 ?? cell.StaleAgeMs?.Max,
        };
    }

    private static string StalenessText(CellResults cell) => Staleness(cell) is { } s ? (s == 0 ? "0 (no stale read seen)" : Format.Ms(s)) : "not measured";

    private const string ReportBaselinePolicy = Charts.ReportBaseline.PrimaryOnly;
}
