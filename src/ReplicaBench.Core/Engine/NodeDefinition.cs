namespace ReplicaBench.Engine;

/// <summary>A node operations may be served by, with its role (results report reads and writes per node and role).</summary>
public sealed record NodeDefinition(string Name, NodeRole Role);
