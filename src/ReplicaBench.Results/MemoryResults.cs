using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>The load generator's own memory during a cell's measured window (the "memory stays flat" check).</summary>
public sealed record MemoryResults
{
    [Description("Working set, MB.")]
    public MemorySeriesResults WorkingSetMB { get; init => field = value ?? new(); } = new();

    [Description("Managed heap after the last GC, MB.")]
    public MemorySeriesResults ManagedHeapMB { get; init => field = value ?? new(); } = new();

    [Description("Samples inside the measured window.")]
    public int Samples { get; init; }
}
