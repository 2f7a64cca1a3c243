namespace ReplicaBench.Routing.Policies;

/// <summary>
/// The staleness a lag-aware policy assumes for a replica: the sampled lag plus the age of the
/// sample. The sample says how far behind the replica was when it was taken; replay may have
/// stalled right after, so by now it can be behind by up to lag + age. Counting the age makes the
/// bound hold between samples, and makes a replica whose samples stop arriving (sampler stuck,
/// replica unreachable) age out of use on its own.
/// </summary>
/// <remarks>
/// Two readings: <see cref="Microseconds"/> starts from the sample's best estimate (for ranking
/// replicas against each other), <see cref="UpperBoundMicroseconds"/> from its upper bound (for a
/// promise: the estimate can be short by up to one primary sampling interval, the bound never is).
/// </remarks>
internal readonly struct SampledStaleness
{
    private readonly long _now;
    private readonly double _microsecondsPerTick;

    /// <param name="now">The current timestamp of the clock that stamped the samples.</param>
    /// <param name="microsecondsPerTick">That clock's tick length (see <see cref="MicrosecondsPerTick"/>), computed once per policy.</param>
    public SampledStaleness(long now, double microsecondsPerTick)
    {
        _now = now;
        _microsecondsPerTick = microsecondsPerTick;
    }

    public static double MicrosecondsPerTick(TimeProvider timeProvider) => 1_000_000.0 / timeProvider.TimestampFrequency;

    /// <summary>Effective staleness from the best estimate, in microseconds, or -1 when the replica has no lag sample.</summary>
    public long Microseconds(NodeStateBoard board, int replica)
    {
        // The time first: the board writes it last (see NodeStateBoard.SetReplicaSample).
        var sampledAt = board.SampledAtTimestamp(replica);
        return Aged(board.LagMicroseconds(replica), sampledAt);
    }

    /// <summary>The most the replica can be behind now, in microseconds, or -1 when no sample bounds it.</summary>
    public long UpperBoundMicroseconds(NodeStateBoard board, int replica)
    {
        var sampledAt = board.SampledAtTimestamp(replica);
        return Aged(board.LagUpperBoundMicroseconds(replica), sampledAt);
    }

    private long Aged(long lag, long sampledAt)
    {
        if (lag < 0 || sampledAt == 0)
        {
            return -1;
        }

        // A sample written after _now was read has a negative age: it is as fresh as it gets.
        var age = Math.Max(0, _now - sampledAt);
        return lag + (long)(age * _microsecondsPerTick);
    }
}
