
namespace ReplicaBench.Engine.RunResults;

/// <summary>
/// Stats of the operations one node served. <see cref="Reads"/> and <see cref="Writes"/> count
/// completed operations of read and write kind (what <c>results.json</c> reports per node).
/// <see cref="Role"/> is null for "(none)": operations that named no node.
/// </summary>
public sealed record NodeResult(string Name, NodeRole? Role, long Reads, long Writes, OperationStats Stats);
