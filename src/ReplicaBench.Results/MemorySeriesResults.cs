using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>One memory series of the load process over the measured window, MB.</summary>
public sealed record MemorySeriesResults
{
    [Description("First sample after the warm-up, MB.")]
    public double Baseline { get; init; }

    [Description("Highest sample, MB.")]
    public double Max { get; init; }

    [Description("Last sample, MB.")]
    public double End { get; init; }

    [Description("End minus baseline, MB.")]
    public double Growth { get; init; }

    [Description("Max minus baseline, MB.")]
    public double MaxGrowth { get; init; }
}
