using System.Globalization;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Planning;

/// <summary>
/// "How many replicas of size X for R reads/s?" beyond the replica counts measured, from what the
/// emulated nodes spent: each replica's CPU microseconds per read it served (its cgroup's CPU over
/// the measured window, so replay and background work are in it) and the primary's per operation.
/// The assumption, stated with every answer: a node's throughput scales with its CPU budget, so a
/// replica of X CPU at (1 − headroom) of it serves X × (1 − headroom) / (µs per read) reads per µs.
/// </summary>
internal static class CpuExtrapolation
{
    public const string Assumption =
        "In CPU terms (emulated nodes only): a node's throughput scales with its CPU budget, at the CPU per operation each node spent in the measured cell the answer names (its cgroup's CPU over the window, replay and background work included); every target read is put on the replicas; the staleness and p99 are those measured in that cell.";

    /// <summary>The smallest replica count any measured policy needs in CPU terms; null when no cell measured replica CPU for a policy that meets the request but for capacity.</summary>
    public static CpuEstimate? Estimate(IReadOnlyList<CellVerdict> verdicts, PlanRequest request, CpuSizing sizing)
    {
        var usable = 1 - request.Headroom;
        var estimates = new List<CpuEstimate>();
        foreach (var verdict in verdicts.Where(v => v.MeetsBesidesCapacity && v.Cell.Replicas > 0))
        {
            var replicas = verdict.Cell.Nodes.Where(n => n.Role == "replica" && n.CpuMicrosPerOperation is > 0 && n.CpuQuotaCores is > 0 && n.Reads > 0).ToList();
            var primary = verdict.Cell.Nodes.FirstOrDefault(n => n.Role == "primary" && n.CpuQuotaCores is > 0);
            if (replicas.Count == 0 || replicas.Any(n => n.Writes > 0))
            {
                continue;
            }

            // Operations-weighted: each replica's CPU over the window divided by all their reads.
            var microsPerRead = replicas.Sum(n => n.CpuMicrosPerOperation!.Value * n.Reads) / replicas.Sum(n => n.Reads);
            var replicaCpus = sizing.ReplicaCpus ?? replicas[0].CpuQuotaCores!.Value;
            var readsPerReplica = replicaCpus * usable * 1e6 / microsPerRead;
            var count = Math.Max(1, (int)Math.Ceiling((request.TargetReads / readsPerReplica) - 1e-9));
            estimates.Add(new CpuEstimate(verdict.Cell, count, replicaCpus, microsPerRead, readsPerReplica, [.. replicas.Select(n => n.Name)], Primary(primary, verdict, request, sizing)));
        }

        return estimates.OrderBy(e => e.Replicas).ThenByDescending(e => e.ReadsPerReplica).FirstOrDefault();
    }

    /// <summary>The primary's CPU for the target writes, at the CPU per operation it spent in the cell; null when the cell wrote nothing or the primary has no CPU figure.</summary>
    private static PrimaryEstimate? Primary(NodeResults? primary, CellVerdict verdict, PlanRequest request, CpuSizing sizing)
    {
        if (primary is not { CpuMicrosPerOperation: > 0 } || primary.Writes == 0)
        {
            return null;
        }

        var cpus = sizing.PrimaryCpus ?? primary.CpuQuotaCores!.Value;
        var needed = request.TargetWrites * primary.CpuMicrosPerOperation.Value / 1e6;
        return new PrimaryEstimate(cpus, needed, needed <= cpus * (1 - request.Headroom), primary.CpuMicrosPerOperation.Value);
    }

    /// <summary>The answer in words, naming the measured points it rests on.</summary>
    public static string Describe(CpuEstimate estimate, PlanRequest request)
    {
        var plural = estimate.Replicas == 1 ? "" : "s";
        var answer = string.Create(
            CultureInfo.InvariantCulture,
            $"In CPU terms: {estimate.Replicas} replica{plural} of {estimate.ReplicaCpus:0.###} CPU with {estimate.Cell.Policy} carry {Format.Number(request.TargetReads)} reads/s with {Format.Percent(request.Headroom)} headroom ");
        answer += string.Create(
            CultureInfo.InvariantCulture,
            $"(each {Format.Number(estimate.ReadsPerReplica)} reads/s at {estimate.MicrosPerRead:0.#} µs of CPU per read, measured on {string.Join(" and ", estimate.MeasuredOn)} in {estimate.Cell.Id}). ");
        return answer + estimate.Primary switch
        {
            null when request.TargetWrites > 0 => $"The primary's CPU per write was not measured in {estimate.Cell.Id}, so whether it carries {Format.Number(request.TargetWrites)} writes/s is not known.",
            null => "No writes are asked for.",
            var p => string.Create(
                CultureInfo.InvariantCulture,
                $"The primary needs {p.CoresNeeded:0.###} CPU for {Format.Number(request.TargetWrites)} writes/s at {p.MicrosPerOperation:0.#} µs per operation: {(p.Fits ? "within" : "more than")} {Format.Percent(1 - request.Headroom)} of its {p.Cpus:0.###} CPU."),
        };
    }
}
