using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Inputs;

/// <summary>Everything a run folder holds for reporting: the load results, the microbenchmarks, or both.</summary>
public sealed record RunFolder(string Directory, RunResults? Load, IReadOnlyList<MicroBenchmarkResult> Micro)
{
    /// <summary>The micro suite's routing-overhead step (<c>micro/routing-overhead.json</c>), if it ran.</summary>
    public RoutingOverheadResults? RoutingOverhead { get; init; }

    public IReadOnlyList<CellResults> Cells => Load?.Cells ?? [];
}
