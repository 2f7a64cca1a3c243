namespace ReplicaBench.Measurement;

/// <summary>
/// How well one replica's poller kept to its intended pace: polls made, and how many started more
/// than <see cref="VisibilityProbeOptions.PollLatenessLimit"/> after they were meant to (the
/// previous poll's start plus the intended pause): a starved thread or a slow replica, which
/// coarsens the measurement of the markers it was waiting for by as much.
/// </summary>
/// <param name="Polls">Polls sent.</param>
/// <param name="FarBehind">Polls that started more than the limit late.</param>
/// <param name="MaxLateness">The latest a poll started.</param>
public sealed record PollPace(long Polls, long FarBehind, TimeSpan MaxLateness)
{
    public static PollPace None { get; } = new(0, 0, TimeSpan.Zero);

    /// <summary>
    /// At most 1% of polls far behind: a single late wake-up on a busy machine costs one marker's
    /// resolution (reported), a poller that is behind all the time costs the measurement.
    /// </summary>
    public bool KeptPace => FarBehind * 100 <= Polls;
}
