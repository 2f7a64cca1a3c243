using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine.Recording;

/// <summary>
/// Open model: the arrival an operation served — the phase its scheduled time fell in and how long
/// after that time it started. Recorded with the operation's outcome (one record per operation);
/// <see cref="None"/> in the closed model, which has no schedule.
/// </summary>
/// <remarks>
/// Arrivals are attributed to the phase of their <em>scheduled</em> time, not to the interval they
/// were recorded in, so that "scheduled in the measured window = started + dropped" holds exactly
/// even for an arrival due just before the end of the warm-up that starts just after it.
/// </remarks>
internal readonly record struct ArrivalStart(RunPhase DuePhase, long ScheduleLagMicroseconds)
{
    public static ArrivalStart None => new(RunPhase.WarmUp, -1);

    public bool IsArrival => ScheduleLagMicroseconds >= 0;
}
