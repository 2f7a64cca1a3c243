namespace ReplicaBench.Measurement;

/// <summary>
/// How stale a replica is at one moment, bracketed by what the primary's samples can prove (see
/// <see cref="LsnTimeline.EstimateBounds"/>). Both in microseconds; -1 means "cannot say".
/// </summary>
/// <param name="LowerMicroseconds">
/// At least this stale: the time since the primary was first <i>seen</i> beyond the replica's
/// position. The best single estimate (it is exact up to one primary sampling interval), and 0 for
/// a replica that has everything the primary was last seen to have. -1 before the first sample.
/// </param>
/// <param name="UpperMicroseconds">
/// At most this stale: the time since the primary was last seen <i>at or below</i> the replica's
/// position (it passed that position only afterwards). A bound a promise can rest on; it includes
/// the age of the newest primary sample, so it is up to one interval even for a caught-up replica.
/// -1 when the replica is behind every position the timeline remembers (at the monitor's start, or
/// after the oldest positions were forgotten): nothing bounds how long ago the primary passed it.
/// </param>
public readonly record struct LagBounds(long LowerMicroseconds, long UpperMicroseconds)
{
    /// <summary>Nothing known: the primary has not been sampled.</summary>
    public static LagBounds Unknown => new(-1, -1);
}
