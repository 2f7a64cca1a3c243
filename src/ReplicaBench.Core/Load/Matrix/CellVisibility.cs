namespace ReplicaBench.Load.Matrix;

/// <summary>
/// What the visibility probe measured on one replica during a cell's measured window: the delay
/// from a write's commit acknowledgement on the primary to the first read on the replica that sees
/// it. <see cref="Histogram"/> is the HdrHistogram of those delays (µs, base64 compressed), the raw
/// material of the report's t-visibility curve; <see cref="Timeouts"/> markers were never seen.
/// </summary>
public sealed record CellVisibility(
    string Replica,
    long Samples,
    long Timeouts,
    double? P50Ms,
    double? P90Ms,
    double? P99Ms,
    double? MaxMs,
    double? ResolutionMs,
    string? Histogram,
    string? Error);
