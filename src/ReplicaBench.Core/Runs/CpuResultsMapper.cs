using System.Globalization;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Results;
using static ReplicaBench.Runs.ResultsFigures;

namespace ReplicaBench.Runs;

/// <summary>
/// The generator's and the nodes' CPU onto the contract, and the warnings that say when a cell's
/// figures measure the generator rather than the topology.
/// </summary>
internal static class CpuResultsMapper
{
    /// <summary>The share of its cores (or of its quota) from which a generator (or a node) counts as saturated.</summary>
    public const double Saturation = 0.9;

    /// <param name="generator">The engine's figure; null when the measured window never began.</param>
    /// <param name="completed">The operations the window counted (succeeded or failed).</param>
    /// <param name="cpu">The quotas of the nodes on this machine, which leave the generator the rest.</param>
    public static GeneratorResults? Generator(GeneratorCpu? generator, long completed, CellCpu cpu)
    {
        if (generator is null)
        {
            return null;
        }

        var coresLeft = cpu.QuotaOnThisHost is { } quotas ? Math.Max(0, generator.Cores - quotas) : (double?)null;
        return new GeneratorResults
        {
            CpuSeconds = Round(generator.CpuTime.TotalSeconds),
            CoresUsed = Round(generator.CoresUsed),
            Cores = generator.Cores,
            CoresLeft = coresLeft is { } left ? Round(left) : null,
            CpuMicrosPerOperation = Measured(generator.MicrosecondsPerOperation(completed)),
            Saturated = generator.CoresUsed >= Saturation * (coresLeft ?? generator.Cores),
        };
    }

    /// <summary>A node's results with its CPU figures, when it has any.</summary>
    public static NodeResults WithCpu(NodeResults node, CellCpu cpu)
    {
        if (cpu.Nodes.FirstOrDefault(n => string.Equals(n.Node, node.Name, StringComparison.Ordinal)) is not { } figures)
        {
            return node;
        }

        return node with
        {
            CpuQuotaCores = figures.QuotaCores,
            CpuCoresUsed = Round(figures.CoresUsed),
            QuotaUsed = Measured(figures.QuotaUsed),
            CpuMicrosPerOperation = Measured(figures.MicrosecondsPerOperation(node.Reads + node.Writes)),
        };
    }

    /// <summary>One line per reason the cell's throughput may not be the topology's, for the run's output and the report.</summary>
    public static IReadOnlyList<string> Warnings(GeneratorResults? generator, IReadOnlyList<NodeResults> nodes)
    {
        var warnings = new List<string>();
        if (generator is { Saturated: true })
        {
            var had = generator.CoresLeft is { } left
                ? Invariant($"{left:0.##} core(s) left to it beside the nodes' quotas")
                : Invariant($"{generator.Cores} core(s)");
            warnings.Add(Invariant(
                $"the load generator was saturated: it used {generator.CoresUsed:0.##} of the {had}, so the throughput measures the generator, not the topology; give the nodes smaller quotas (--node-cpus) or run the generator on a machine with more cores."));
        }

        var serving = nodes.Where(n => n.QuotaUsed is not null && n.Reads + n.Writes > 0).ToList();
        if (serving.Count > 0 && serving.All(n => n.QuotaUsed < Saturation))
        {
            var busiest = serving.MaxBy(n => n.QuotaUsed)!;
            warnings.Add(Invariant(
                $"no node reached its CPU quota (the busiest, {busiest.Name}, used {busiest.QuotaUsed * 100:0}% of it), so the throughput measures the load (virtual users, rate, generator), not the nodes' capacity; add --vus or raise --rate to find the nodes' limit."));
        }

        return warnings;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
