namespace ReplicaBench.Topology.Emulation;

/// <summary>
/// topology.json's <c>emulation</c> section: the budget asked for and what each node got. Absent
/// from topologies without <c>--node-cpus</c>/<c>--node-memory</c>, and from files written before
/// the section existed, which therefore still read.
/// </summary>
/// <param name="Cpus"><c>--node-cpus</c> in its canonical spelling, or null.</param>
/// <param name="Memory"><c>--node-memory</c> in its canonical spelling, or null.</param>
/// <param name="Nodes">Each node with a budget.</param>
public sealed record NodeEmulation(string? Cpus, string? Memory, IReadOnlyList<EmulatedNode> Nodes)
{
    public EmulatedNode? Find(string node) => Nodes.FirstOrDefault(n => string.Equals(n.Node, node, StringComparison.Ordinal));

    /// <summary>The section for a topology whose nodes got <paramref name="nodes"/> under <paramref name="budget"/>; null when there is no budget.</summary>
    public static NodeEmulation? For(NodeBudget budget, IReadOnlyList<EmulatedNode> nodes) => budget.IsEmpty
        ? null
        : new NodeEmulation(
            budget.Cpus.IsEmpty ? null : budget.Cpus.ToString(),
            budget.Memory.IsEmpty ? null : budget.Memory.ToString(),
            nodes);
}
