using HdrHistogram;
using ReplicaBench.Engine;
using ReplicaBench.Routing.Policies;

namespace ReplicaBench.Routing;

/// <summary>
/// For every read a replica serves, records how stale that replica could be when the read was
/// routed there, by the <see cref="NodeStateBoard"/>: the upper bound of its last lag sample plus
/// the sample's age, the very figure <c>bounded-staleness</c> routes on (whatever the policy).
/// The caller takes the bound once it holds the read's lease, decision made and connection open
/// (<see cref="BoundFor"/>), and records it once the read has succeeded (<see cref="RecordServed"/>);
/// <see cref="Summary"/> gives the served reads' bounds per replica.
/// </summary>
/// <remarks>
/// <para>At the decision, not at completion: that is what the policy judged, and what bounds the
/// read's snapshot (taken microseconds later on the open connection). Taken at completion the
/// figure would add the read's own duration and any stall of the primary's sampling in the
/// meantime (measured: a 201 ms maximum under a 100 ms bound on a loaded machine, for reads whose
/// per-read check found them at most 61 ms stale).</para>
/// <para>It works under every policy, not only the lag-aware ones: under round-robin it says how
/// stale the replicas that served reads could have been. A read served while the board had no
/// bound for its replica (no sample yet, the primary's samples too old) is counted as unbounded,
/// not recorded as a number. A read that failed is not recorded.</para>
/// <para>Recording is lock-free and allocation-free (an HdrHistogram that takes concurrent writers,
/// one per replica), so it can sit on the virtual users' hot path.</para>
/// </remarks>
public sealed class ServedStalenessRecorder
{
    /// <summary>Largest bound recorded as itself (1 hour, µs); longer ones are recorded as this.</summary>
    public const long HighestTrackableMicroseconds = 3_600_000_000;

    /// <summary>What <see cref="BoundFor"/> returns for an operation that is not a replica read in the measured window.</summary>
    public const long NotRecorded = long.MinValue;

    private readonly NodeStateBoard _board;
    private readonly TimeProvider _timeProvider;
    private readonly double _microsecondsPerTick;
    private readonly LongConcurrentHistogram[] _bounds;
    private readonly long[] _unbounded;
    private long _measureFrom;

    /// <param name="board">The board the router decides from (and the replica monitor feeds).</param>
    /// <param name="timeProvider">The router's clock: the one that stamps the board's samples.</param>
    public ServedStalenessRecorder(NodeStateBoard board, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _board = board;
        _timeProvider = timeProvider;
        _microsecondsPerTick = SampledStaleness.MicrosecondsPerTick(timeProvider);
        _bounds = [.. Enumerable.Range(0, board.ReplicaCount).Select(_ => new LongConcurrentHistogram(1, HighestTrackableMicroseconds, 3))];
        _unbounded = new long[board.ReplicaCount];
    }

    /// <summary>Counts only reads routed at or after <paramref name="timestamp"/> (the measured window's start); until called, every read counts.</summary>
    public void MeasureFrom(long timestamp) => Volatile.Write(ref _measureFrom, timestamp);

    /// <summary>
    /// The most the replica <paramref name="decision"/> chose can be behind now, in µs (-1: the
    /// board cannot bound it); <see cref="NotRecorded"/> for a write, a read on the primary, or a
    /// read before the measured window. Call it with the lease in hand, just before the query.
    /// </summary>
    public long BoundFor(OperationKind kind, in RoutingDecision decision)
    {
        if (kind != OperationKind.Read || !decision.ChoseReplica)
        {
            return NotRecorded;
        }

        var now = _timeProvider.GetTimestamp();
        return now < Volatile.Read(ref _measureFrom)
            ? NotRecorded
            : new SampledStaleness(now, _microsecondsPerTick).UpperBoundMicroseconds(_board, decision.ChosenNode - 1);
    }

    /// <summary>Records the bound <see cref="BoundFor"/> gave for a read that has now succeeded.</summary>
    public void RecordServed(in RoutingDecision decision, long boundMicroseconds)
    {
        if (boundMicroseconds == NotRecorded)
        {
            return;
        }

        var replica = decision.ChosenNode - 1;
        if (boundMicroseconds < 0)
        {
            Interlocked.Increment(ref _unbounded[replica]);
            return;
        }

        _bounds[replica].RecordValue(Math.Min(boundMicroseconds, HighestTrackableMicroseconds));
    }

    /// <summary>What was recorded so far, per replica (names in board order) and for all replicas together.</summary>
    public ServedStaleness Summary(IReadOnlyList<string> replicaNames)
    {
        ArgumentNullException.ThrowIfNull(replicaNames);
        if (replicaNames.Count != _bounds.Length)
        {
            throw new ArgumentException($"the board has {_bounds.Length} replica(s) but {replicaNames.Count} name(s) were given", nameof(replicaNames));
        }

        var total = new LongHistogram(1, HighestTrackableMicroseconds, 3);
        var replicas = new List<ServedStalenessFigures>(_bounds.Length);
        for (var r = 0; r < _bounds.Length; r++)
        {
            var histogram = _bounds[r].Copy();
            total.Add(histogram);
            replicas.Add(new ServedStalenessFigures(replicaNames[r], Volatile.Read(ref _unbounded[r]), histogram));
        }

        return new ServedStaleness(new ServedStalenessFigures(null, replicas.Sum(r => r.Unbounded), total), replicas);
    }
}
