namespace ReplicaBench.Workload;

/// <summary>What a point read saw: whether the key exists on that node, and the row's version there.</summary>
/// <param name="Found">False when the node has no row under the key (e.g. an insert not replayed yet).</param>
/// <param name="Version">The version seen; 0 when not found, which is older than any acknowledged version.</param>
public readonly record struct PointReadResult(bool Found, long Version);
