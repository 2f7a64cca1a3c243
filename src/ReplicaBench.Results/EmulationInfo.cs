using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>The size each node was emulated as, from the topology itself (so a run on a topology already up says it too).</summary>
[Description("Emulated nodes: the CPU and memory budgets the topology's servers ran under; null when the nodes were not emulated.")]
public sealed record EmulationInfo
{
    [Description("CPU quota per node as given to --node-cpus, e.g. \"0.3\" or \"primary=0.6,replicas=0.2\"; null for none.")]
    public string? NodeCpus { get; init; }

    [Description("Memory limit per node as given to --node-memory; null for none.")]
    public string? NodeMemory { get; init; }
}
