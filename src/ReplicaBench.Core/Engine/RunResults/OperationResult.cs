
namespace ReplicaBench.Engine.RunResults;

/// <summary>Stats of one operation type over all nodes. <see cref="Kind"/> is null for "(unattributed)" failures.</summary>
public sealed record OperationResult(string Name, OperationKind? Kind, OperationStats Stats);
