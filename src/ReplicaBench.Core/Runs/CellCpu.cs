using ReplicaBench.Measurement;

namespace ReplicaBench.Runs;

/// <summary>
/// The CPU side of a cell beside the engine's own generator figure: each emulated node's CPU over
/// the measured window, and the quotas the nodes on the generator's machine were given.
/// </summary>
/// <param name="Nodes">Each emulated node's CPU over the window (empty without CPU accounting).</param>
/// <param name="QuotaOnThisHost">The sum of the CPU quotas of nodes on the generator's machine; null when none has one.</param>
public sealed record CellCpu(IReadOnlyList<NodeCpuFigures> Nodes, double? QuotaOnThisHost)
{
    /// <summary>No node CPU measured, no quota on this machine.</summary>
    public static CellCpu None { get; } = new([], null);
}
