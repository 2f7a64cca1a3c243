using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine.Execution;

/// <summary>
/// The pacer's running totals per <see cref="RunPhase"/> of the arrivals' scheduled time, written
/// by the pacer alone and read by the collector: arrivals that came due, and arrivals dropped
/// because the backlog was full.
/// </summary>
internal sealed class ArrivalCounters
{
    private readonly long[] _released = new long[2];
    private readonly long[] _backlogDropped = new long[2];

    public long Released(RunPhase duePhase) => Volatile.Read(ref _released[(int)duePhase]);

    public long BacklogDropped(RunPhase duePhase) => Volatile.Read(ref _backlogDropped[(int)duePhase]);

    public void CountReleased(RunPhase duePhase) => Increment(_released, duePhase);

    public void CountBacklogDropped(RunPhase duePhase) => Increment(_backlogDropped, duePhase);

    // One writer: a plain read and a release store suffice (no interlocked add on the pacer's path).
    private static void Increment(long[] counts, RunPhase phase) => Volatile.Write(ref counts[(int)phase], counts[(int)phase] + 1);
}
