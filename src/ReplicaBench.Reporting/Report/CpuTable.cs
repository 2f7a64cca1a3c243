using System.Globalization;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// Where the CPU went in each cell: the load generator's (cores used, µs per operation) and each
/// emulated node's (share of its quota, µs per operation it served), for the HTML and Markdown
/// reports alike. A figure that was not measured reads "n/a".
/// </summary>
public static class CpuTable
{
    public static IReadOnlyList<string> Headers { get; } =
        ["Cell", "Generator cores used", "Generator µs/op", "Generator saturated", "Nodes: share of CPU quota, µs/op"];

    public const string Note =
        "Generator: the replicabench process's user + system CPU over the measured window. Nodes: each emulated server's cgroup CPU (backends, replay and background work) over the same window, per operation it served.";

    /// <summary>One row per cell that measured the generator's CPU; empty for runs made before it was measured.</summary>
    public static IReadOnlyList<string[]> Rows(IReadOnlyList<CellResults> cells) =>
    [
        .. cells.Where(c => c.Generator is not null).Select(c => new[]
        {
            c.Id,
            Cores(c.Generator!),
            Format.Number(c.Generator!.CpuMicrosPerOperation),
            c.Generator!.Saturated ? "yes" : "no",
            Nodes(c.Nodes),
        }),
    ];

    private static string Cores(GeneratorResults generator) => generator.CoresLeft is { } left
        ? string.Create(CultureInfo.InvariantCulture, $"{generator.CoresUsed:0.##} of {left:0.##} left")
        : string.Create(CultureInfo.InvariantCulture, $"{generator.CoresUsed:0.##} of {generator.Cores}");

    private static string Nodes(IReadOnlyList<NodeResults> nodes)
    {
        var measured = nodes.Where(n => n.QuotaUsed is not null).ToList();
        return measured.Count == 0
            ? "n/a"
            : string.Join("; ", measured.Select(n => string.Create(
                CultureInfo.InvariantCulture, $"{n.Name} {n.QuotaUsed * 100:0}% of {n.CpuQuotaCores:0.###}, {Format.Number(n.CpuMicrosPerOperation)} µs/op")));
    }
}
