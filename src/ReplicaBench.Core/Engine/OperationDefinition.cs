
namespace ReplicaBench.Engine;

/// <summary>
/// An operation type a scenario reports (e.g. <c>point-read</c>, a read; <c>insert</c>, a write).
/// The kind decides whether it counts as a read or a write of the node that served it.
/// </summary>
public sealed record OperationDefinition(string Name, OperationKind Kind);
