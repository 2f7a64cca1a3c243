using ReplicaBench.Topology;

namespace ReplicaBench.Engine;

/// <summary>A node operations may be served by, with its role (results report reads and writes per node and role).</summary>
public sealed record NodeDefinition(string Name, NodeRole Role)
{
    /// <summary>The nodes of a topology in its order (primary first), as a scenario's node list.</summary>
    public static IReadOnlyList<NodeDefinition> From(TopologyDescriptor topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return [.. topology.Nodes.Select(n => new NodeDefinition(n.Name, n.Role))];
    }
}
