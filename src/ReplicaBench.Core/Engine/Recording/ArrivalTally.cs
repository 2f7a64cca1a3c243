using HdrHistogram;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine.Recording;

/// <summary>
/// Open model: what became of the arrivals scheduled in one phase — how many came due, started,
/// started late or were dropped, and the histogram of their schedule lag (start − scheduled, µs).
/// One per phase in each slab (virtual users record starts and drops), in each interval aggregate
/// (plus the pacer's counts of arrivals due and refused by a full backlog) and in the run's totals.
/// </summary>
internal sealed class ArrivalTally(bool forTotal)
{
    /// <summary><see cref="ArrivalStats.LateThreshold"/> in µs.</summary>
    public static readonly long LateAfterMicroseconds = (long)ArrivalStats.LateThreshold.TotalMicroseconds;

    /// <summary>Arrivals that came due (counted by the pacer, so always 0 in a slab).</summary>
    public long Scheduled { get; private set; }

    public long Started { get; private set; }

    /// <summary>Started arrivals whose schedule lag exceeded <see cref="LateAfterMicroseconds"/>.</summary>
    public long Late { get; private set; }

    /// <summary>Arrivals that could not start: no virtual user was free for longer than the max lateness, or the backlog was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Schedule lag of every started arrival, µs; null until the first one.</summary>
    public HistogramBase? ScheduleLag { get; private set; }

    public bool IsEmpty => Scheduled == 0 && Started == 0 && Dropped == 0;

    public void RecordStarted(long scheduleLagMicroseconds)
    {
        Started++;
        if (scheduleLagMicroseconds > LateAfterMicroseconds)
        {
            Late++;
        }

        (ScheduleLag ??= NewHistogram()).RecordValue(LatencyHistograms.Clamp(scheduleLagMicroseconds));
    }

    public void RecordDropped() => Dropped++;

    /// <summary>The pacer's counts for this phase: arrivals that came due, and those refused because the backlog was full.</summary>
    public void AddPacerCounts(long scheduled, long backlogDropped)
    {
        Scheduled += scheduled;
        Dropped += backlogDropped;
    }

    public void Add(ArrivalTally other)
    {
        Scheduled += other.Scheduled;
        Started += other.Started;
        Late += other.Late;
        Dropped += other.Dropped;
        if (other.ScheduleLag is { TotalCount: > 0 } lag)
        {
            (ScheduleLag ??= NewHistogram()).Add(lag);
        }
    }

    /// <summary>Empties the tally for reuse; keeps the histogram so the next interval allocates nothing.</summary>
    public void Reset()
    {
        Scheduled = 0;
        Started = 0;
        Late = 0;
        Dropped = 0;
        if (ScheduleLag is { TotalCount: > 0 } lag)
        {
            lag.Reset();
        }
    }

    private HistogramBase NewHistogram() => forTotal ? LatencyHistograms.CreateForTotal() : LatencyHistograms.CreateForInterval();
}
