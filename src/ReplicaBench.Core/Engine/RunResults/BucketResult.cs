namespace ReplicaBench.Engine.RunResults;

/// <summary>Stats of one operation type on one node, e.g. point-read served by replica1.</summary>
public sealed record BucketResult(string Operation, string Node, OperationStats Stats);
