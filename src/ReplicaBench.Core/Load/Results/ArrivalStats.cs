namespace ReplicaBench.Load.Results;

/// <summary>
/// Open model: how well the engine kept to the schedule during the measured duration.
/// </summary>
/// <param name="TargetRate">Mean scheduled arrivals per second over the measured duration.</param>
/// <param name="AchievedRate">Operations started per second (the rate the system really received).</param>
/// <param name="Scheduled">Arrivals that came due during the measured duration.</param>
/// <param name="Late">Operations that started late because no virtual user was free when they were due.</param>
/// <param name="Dropped">Arrivals not run: waited longer than the max lateness, or the backlog was full.</param>
/// <param name="Unstarted">Arrivals still waiting when the run stopped (whole run).</param>
/// <param name="ScheduleLag">How long after its scheduled time each operation started, µs (pacing precision plus queueing).</param>
public sealed record ArrivalStats(
    double TargetRate,
    double AchievedRate,
    long Scheduled,
    long Late,
    long Dropped,
    long Unstarted,
    LatencySummary ScheduleLag);
