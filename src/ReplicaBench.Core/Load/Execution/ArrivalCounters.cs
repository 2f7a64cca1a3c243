namespace ReplicaBench.Load.Execution;

/// <summary>
/// The pacer's running totals, written by the pacer alone and read by the collector: arrivals that
/// came due and arrivals dropped because the backlog was full.
/// </summary>
internal sealed class ArrivalCounters
{
    private long _released;
    private long _backlogDropped;

    public long Released => Volatile.Read(ref _released);

    public long BacklogDropped => Volatile.Read(ref _backlogDropped);

    public void CountReleased() => Volatile.Write(ref _released, _released + 1);

    public void CountBacklogDropped() => Volatile.Write(ref _backlogDropped, _backlogDropped + 1);
}
