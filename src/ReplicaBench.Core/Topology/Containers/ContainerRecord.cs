namespace ReplicaBench.Topology.Containers;

/// <summary>One container of a topology, as topology.json records it for <c>down</c> and for people.</summary>
/// <param name="Node">The node it runs (<c>primary</c>, <c>replica1</c>, ...).</param>
/// <param name="Id">Docker's container id.</param>
/// <param name="Name">The container name, <c>replicabench-&lt;topology id&gt;-&lt;node&gt;</c>.</param>
public sealed record ContainerRecord(string Node, string Id, string Name);
