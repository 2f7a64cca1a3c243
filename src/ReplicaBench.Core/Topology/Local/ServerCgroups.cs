using ReplicaBench.Topology.Emulation;

namespace ReplicaBench.Topology.Local;

/// <summary>
/// The local provider's use of cgroups: one group per server with a budget, named
/// <c>replicabench-&lt;topology id&gt;-&lt;node&gt;</c>, which <c>pg_ctl start</c> joins before it
/// runs (see <see cref="PgToolRunner"/>) — at <c>up</c> and at every restart a fault makes.
/// </summary>
internal static class ServerCgroups
{
    /// <summary>Where the budget's groups will go, checked before anything starts; null without a budget.</summary>
    /// <exception cref="BadInputException">Not root, or no writable cgroup with what the budget needs.</exception>
    public static CgroupFileSystem? Check(NodeBudget budget)
    {
        if (budget.IsEmpty)
        {
            return null;
        }

        var cgroups = CgroupFileSystem.Detect(budget);
        cgroups.EnsureWritable();
        return cgroups;
    }

    /// <summary>Makes a group for each node the budget covers, adding each to <paramref name="created"/> at once so a failure can remove it.</summary>
    public static void Create(CgroupFileSystem cgroups, TopologyRequest request, string topologyId, List<EmulatedNode> created)
    {
        foreach (var node in request.Budget.Nodes(request.ReplicaNames))
        {
            created.Add(node with { Cgroup = cgroups.Create(GroupName(topologyId, node.Node), node.Cpus, node.MemoryBytes) });
        }
    }

    /// <summary>The group's name in every hierarchy: findable by eye, and unique per topology and node.</summary>
    public static string GroupName(string topologyId, string node) => $"replicabench-{topologyId}-{node}";

    /// <summary>The cgroup.procs files a start of <paramref name="node"/> joins; empty when it has no group.</summary>
    public static IReadOnlyList<string> ProcsFiles(IEnumerable<EmulatedNode>? nodes, string node) =>
        nodes?.FirstOrDefault(n => string.Equals(n.Node, node, StringComparison.Ordinal))?.Cgroup?.ProcsFiles ?? [];

    /// <summary>Removes the groups of <paramref name="nodes"/> (their servers must be stopping or stopped).</summary>
    public static Task RemoveAsync(IEnumerable<EmulatedNode>? nodes, CancellationToken cancellationToken) =>
        NodeCgroupCleanup.RemoveAsync((nodes ?? []).Select(n => n.Cgroup).OfType<NodeCgroup>(), cancellationToken);
}
