using System.Globalization;
using ReplicaBench.Reporting.Charts;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// The budget of an emulated run in words, for the verdict: how big each node was, and how much of
/// the machine the load generator itself took, so a reader knows what the throughput is of.
/// </summary>
public static class EmulationSentence
{
    /// <summary>Replaces the same-host caveat when the nodes were emulated: they shared the machine, but not its CPUs without limit.</summary>
    public const string Caveat =
        "All nodes ran on the load machine, each held to its own CPU quota (a cgroup, like an instance class): throughput scales as for nodes of that size on separate hosts as long as CPU is what limits them; memory bandwidth and disk are still shared.";

    /// <summary>The sentence, or null when the run's nodes were not emulated with a CPU quota.</summary>
    public static string? For(RunInfo? run, IReadOnlyList<CellResults> cells)
    {
        if (run?.Emulation?.NodeCpus is not { Length: > 0 } cpus)
        {
            return null;
        }

        var size = EmulationLabel.Size(cpus);
        var sentence = size.EndsWith(" each", StringComparison.Ordinal)
            ? $"Each node emulated as {size[..^" each".Length]}"
            : $"Nodes emulated as {size}";
        var generators = cells.Select(c => c.Generator).OfType<GeneratorResults>().ToList();
        if (generators.Count == 0)
        {
            return sentence + ".";
        }

        var busiest = generators.MaxBy(g => g.CoresUsed)!;
        var of = busiest.CoresLeft is { } left
            ? string.Create(CultureInfo.InvariantCulture, $"{left:0.##} cores left beside the nodes' quotas")
            : string.Create(CultureInfo.InvariantCulture, $"{busiest.Cores} cores");
        return string.Create(CultureInfo.InvariantCulture, $"{sentence}; the load generator used up to {busiest.CoresUsed:0.##} CPU (of the {of}).");
    }
}
