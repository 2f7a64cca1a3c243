using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>One emulated node's CPU over a step.</summary>
public sealed record LimitStepNodeCpu
{
    [Description("CPU cores the node used on average over the step.")]
    public double CoresUsed { get; init; }

    [Description("The node's CPU quota, cores; null when it has none.")]
    public double? QuotaCores { get; init; }
}
