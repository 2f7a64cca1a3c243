using HdrHistogram;

namespace ReplicaBench.Engine.RunResults;

/// <summary>
/// Open model: what became of the arrivals the schedule drew in the measured window — counted by
/// their <em>scheduled</em> time, so that every one of them either started or was dropped:
/// <c>Scheduled == Started + Dropped</c>, exactly.
/// </summary>
/// <param name="TargetRate">Mean scheduled arrivals per second over the measured window (the schedule's expectation).</param>
/// <param name="AchievedRate"><see cref="Started"/> per second of the measured window: the rate the system really received.</param>
/// <param name="Scheduled">Arrivals the schedule drew in the measured window.</param>
/// <param name="Started">Of those, the arrivals whose operation began (however it then ended: success, error, cancelled or abandoned at the stop).</param>
/// <param name="Dropped">
/// Of those, the arrivals that could not start because every virtual user (<c>--max-vus</c>) was
/// busy: they waited longer than the max lateness, found the backlog full, or were still waiting
/// when the window closed (nothing starts after it; see <paramref name="DroppedAtStop"/>).
/// </param>
/// <param name="DroppedAtStop">Of <paramref name="Dropped"/>, the arrivals still waiting for a free virtual user when the window closed.</param>
/// <param name="Late">Of <see cref="Started"/>, those whose schedule lag exceeded <see cref="LateThreshold"/>.</param>
/// <param name="ScheduleLag">
/// How long after its scheduled time each started arrival began, µs (like pgbench's
/// "schedule lag"): the wait for a free virtual user plus the engine's own pacing error.
/// </param>
/// <param name="ScheduleLagHistogram">The mergeable histogram behind <paramref name="ScheduleLag"/>, µs.</param>
public sealed record ArrivalStats(
    double TargetRate,
    double AchievedRate,
    long Scheduled,
    long Started,
    long Dropped,
    long DroppedAtStop,
    long Late,
    LatencySummary ScheduleLag,
    HistogramBase ScheduleLagHistogram)
{
    /// <summary>
    /// An arrival that starts more than this after its scheduled time is late. One millisecond is
    /// well above the engine's own pacing error on the real clock (tens of µs with the pacer's
    /// <c>nanosleep</c>), so a late arrival waited for a free virtual user or a stalled host.
    /// </summary>
    public static readonly TimeSpan LateThreshold = TimeSpan.FromMilliseconds(1);

    /// <summary><see cref="Dropped"/> as a share of <see cref="Scheduled"/>; null when nothing was scheduled.</summary>
    public double? DroppedShare => Scheduled == 0 ? null : Dropped / (double)Scheduled;

    /// <summary>Schedule lag p50 in ms; null when no arrival started.</summary>
    public double? ScheduleLagP50Ms => Started == 0 ? null : LatencySummary.ToMilliseconds(ScheduleLag.P50);

    /// <summary>Schedule lag p99 in ms; null when no arrival started.</summary>
    public double? ScheduleLagP99Ms => Started == 0 ? null : LatencySummary.ToMilliseconds(ScheduleLag.P99);

    /// <summary>Schedule lag max in ms; null when no arrival started.</summary>
    public double? ScheduleLagMaxMs => Started == 0 ? null : LatencySummary.ToMilliseconds(ScheduleLag.Max);

    /// <summary>Schedule lag mean in ms; null when no arrival started.</summary>
    public double? ScheduleLagMeanMs => Started == 0 ? null : ScheduleLag.Mean / 1000.0;
}
