namespace ReplicaBench.Measurement;

/// <summary>
/// One round of server-reported lag figures for every replica, stamped on the caller's clock so it
/// can sit on the same timeline as client-observed staleness and load figures.
/// </summary>
/// <param name="Elapsed">Time since the sampler's origin (<see cref="LagSamplerOptions.OriginTimestamp"/>) when the round started.</param>
/// <param name="WallTime">Wall-clock time (UTC, from the sampler's <see cref="TimeProvider"/>) when the round started.</param>
/// <param name="PrimaryError">Why the primary's <c>pg_stat_replication</c> could not be read, else null.</param>
/// <param name="Replicas">One entry per replica, in topology order.</param>
public sealed record LagSample(
    TimeSpan Elapsed,
    DateTimeOffset WallTime,
    string? PrimaryError,
    IReadOnlyList<ReplicaLagFigures> Replicas);
