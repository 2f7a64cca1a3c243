using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>
/// What the load generator (the replicabench process) spent in CPU over a cell's measured window:
/// a figure of the topology is only that while the generator has cores to spare.
/// </summary>
[Description("The load generator's own CPU over the measured window (user + system, to the end of its drain); null in runs that did not measure it.")]
public sealed record GeneratorResults
{
    [Description("CPU seconds it used.")]
    public double CpuSeconds { get; init; }

    [Description("Cores it kept busy on average: CPU seconds over the window's wall time.")]
    public double CoresUsed { get; init; }

    [Description("Cores the process could use.")]
    public int Cores { get; init; }

    [Description("Cores left to it when the nodes on this machine are emulated with CPU quotas: cores less the quotas' sum; null when no node on this machine has a quota.")]
    public double? CoresLeft { get; init; }

    [Description("CPU microseconds per operation; null when no operation completed.")]
    public double? CpuMicrosPerOperation { get; init; }

    [Description("True when it used 90% or more of the cores it had (coresLeft, else cores): the cell's figures then measure the generator, not the topology.")]
    public bool Saturated { get; init; }
}
