namespace ReplicaBench.Engine.RunResults;

/// <summary>One operation type's or node's share of an interval: counts and p50/p99 latency (µs).</summary>
public sealed record SeriesBreakdown(string Name, long Succeeded, long Failed, long P50, long P99);
