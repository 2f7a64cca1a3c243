namespace ReplicaBench.Reporting.Results;

/// <summary>
/// The client-observed visibility probe for one replica: delay from commit acknowledgement on the
/// primary to the row being visible on the replica. <see cref="Histogram"/> is HdrHistogram
/// compressed base64 in microseconds, the full distribution behind the percentiles.
/// </summary>
public sealed record VisibilityResult(string Replica, long Samples, double? P50Ms, double? P90Ms, double? P99Ms, double? MaxMs, string? Histogram);
