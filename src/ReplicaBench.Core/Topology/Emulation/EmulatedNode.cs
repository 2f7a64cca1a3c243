namespace ReplicaBench.Topology.Emulation;

/// <summary>One server's emulated size, as it was set when the topology came up.</summary>
/// <param name="Node">The node's name (kept through a failover, and with it the node's budget).</param>
/// <param name="Cpus">Its CPU quota in CPUs; null for none.</param>
/// <param name="MemoryBytes">Its memory limit; null for none.</param>
/// <param name="Cgroup">Its cgroup (local provider); null where Docker enforces the budget.</param>
public sealed record EmulatedNode(string Node, double? Cpus, long? MemoryBytes, NodeCgroup? Cgroup = null);
