using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Charts;

/// <summary>
/// How a run's emulated node size is named on its charts and in its verdict: "emulated nodes, 0.3
/// CPU each", so nobody reads a chart of fixed-size nodes on one machine as a chart of real hosts.
/// </summary>
public static class EmulationLabel
{
    /// <summary>The label, or null when the run's nodes were not emulated with a CPU quota.</summary>
    public static string? For(RunInfo? run) => run?.Emulation?.NodeCpus is { Length: > 0 } cpus ? $"emulated nodes, {Size(cpus)}" : null;

    /// <summary><c>0.3</c> as "0.3 CPU each"; <c>primary=0.6,replicas=0.2</c> as "primary 0.6 CPU, replicas 0.2 CPU".</summary>
    public static string Size(string nodeCpus)
    {
        var parts = nodeCpus.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 1 && !parts[0].Contains('=', StringComparison.Ordinal)
            ? $"{parts[0]} CPU each"
            : string.Join(", ", parts.Select(p => p.Contains('=', StringComparison.Ordinal)
                ? $"{p[..p.IndexOf('=', StringComparison.Ordinal)]} {p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]} CPU"
                : $"others {p} CPU"));
    }

    /// <summary>A chart title with the label after it, when there is one.</summary>
    public static string Title(string title, string? label) => label is null ? title : $"{title} ({label})";
}
