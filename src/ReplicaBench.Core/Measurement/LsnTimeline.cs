namespace ReplicaBench.Measurement;

/// <summary>
/// The primary's WAL position over time, kept so that a replica's staleness can be estimated from
/// its replay position alone: a replica that has replayed up to LSN <c>r</c> is missing everything
/// the primary wrote after <c>r</c>, so it is as stale as the time since the primary first reached a
/// position beyond <c>r</c>. That is 0 when the replica has caught up — and it stays 0 on an idle
/// primary, unlike <c>now() - pg_last_xact_replay_timestamp()</c>, which keeps growing when nothing
/// is written.
/// </summary>
/// <remarks>
/// <para>An entry is added only when the sampled position moved forward, so each entry holds the
/// first sample time at which the primary was seen at or beyond that position, and the last sample
/// time at which it was still seen there. The primary really passed <c>r</c> somewhere between the
/// last sample that saw it at or below <c>r</c> and the first that saw it beyond: the time since
/// the latter is a lower bound of the true staleness, the time since the former an upper bound
/// (<see cref="LagBounds"/>). They are one primary sampling interval (plus a query round trip)
/// apart: that interval is the estimator's resolution.</para>
/// <para>It measures WAL, not visibility: WAL that changes no visible row (a checkpoint record, hint
/// bits, vacuum) counts as lag until replayed. A replica waiting on
/// <c>recovery_min_apply_delay</c> stops just before the delayed commit record, so its estimate is
/// the time since that commit was written.</para>
/// <para>Thread-safe: one writer (the primary sampler) and any number of readers; a short lock,
/// taken a few hundred times per second at most, never on a routing decision.</para>
/// <para>Timestamps are <see cref="TimeProvider.GetTimestamp"/> values of the provider given here.</para>
/// </remarks>
public sealed class LsnTimeline
{
    /// <summary>Entries kept at most: at one new position per 10 ms sample, about 11 minutes of writes.</summary>
    public const int DefaultCapacity = 1 << 16;

    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly ulong[] _lsns;
    private readonly long[] _firstSeen;
    private readonly long[] _lastSeen;
    private int _oldest;
    private int _count;
    private long _lastSampleTimestamp;
    private bool _sampled;

    public LsnTimeline(TimeProvider timeProvider, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _timeProvider = timeProvider;
        _lsns = new ulong[capacity];
        _firstSeen = new long[capacity];
        _lastSeen = new long[capacity];
    }

    /// <summary>Entries currently held (distinct primary positions still needed).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>The newest primary position sampled, 0 before the first sample.</summary>
    public ulong NewestPrimaryLsn
    {
        get
        {
            lock (_lock)
            {
                return _count == 0 ? 0 : _lsns[Index(_count - 1)];
            }
        }
    }

    /// <summary>Records a sample of <c>pg_current_wal_lsn()</c> taken at <paramref name="timestamp"/>.</summary>
    /// <remarks>A position that did not move forward only refreshes the sample times: the primary
    /// reached it earlier, and is still there now. A position that went backwards (a new primary
    /// after a failover) is ignored until the timeline is <see cref="Reset"/>.</remarks>
    public void RecordPrimary(ulong lsn, long timestamp)
    {
        lock (_lock)
        {
            _lastSampleTimestamp = timestamp;
            _sampled = true;
            if (_count > 0 && lsn <= _lsns[Index(_count - 1)])
            {
                if (lsn == _lsns[Index(_count - 1)])
                {
                    _lastSeen[Index(_count - 1)] = timestamp;
                }

                return;
            }

            if (_count == _lsns.Length)
            {
                // Full: forget the oldest position. A replica older than everything kept gets a
                // lower bound (the age of the oldest entry), which is still "very stale", and no
                // upper bound.
                _oldest = Index(1);
                _count--;
            }

            var slot = Index(_count);
            _lsns[slot] = lsn;
            _firstSeen[slot] = timestamp;
            _lastSeen[slot] = timestamp;
            _count++;
        }
    }

    /// <summary>
    /// How stale a replica that has replayed up to <paramref name="replayLsn"/> is at
    /// <paramref name="now"/>, in microseconds: the lower bound of <see cref="EstimateBounds"/>.
    /// </summary>
    public long EstimateLagMicroseconds(ulong replayLsn, long now) => EstimateBounds(replayLsn, now).LowerMicroseconds;

    /// <summary>
    /// The least and the most a replica that has replayed up to <paramref name="replayLsn"/> can be
    /// behind at <paramref name="now"/> (see <see cref="LagBounds"/>), from one consistent view of
    /// the timeline.
    /// </summary>
    public LagBounds EstimateBounds(ulong replayLsn, long now)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                return LagBounds.Unknown;
            }

            if (replayLsn >= _lsns[Index(_count - 1)])
            {
                // Caught up with the newest position: at most as stale as that sample is old.
                return new LagBounds(0, Microseconds(_lastSeen[Index(_count - 1)], now));
            }

            // First entry beyond the replica's position: binary search over the ring (positions ascend).
            int low = 0, high = _count - 1;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (_lsns[Index(mid)] > replayLsn)
                {
                    high = mid;
                }
                else
                {
                    low = mid + 1;
                }
            }

            var lower = Microseconds(_firstSeen[Index(low)], now);
            var upper = low == 0 ? -1 : Microseconds(_lastSeen[Index(low - 1)], now);
            return new LagBounds(lower, upper);
        }
    }

    /// <summary>
    /// Whether the primary was sampled within <paramref name="maxAge"/> of <paramref name="now"/>.
    /// Without a recent primary sample a replica's estimate would miss newer writes, so callers treat
    /// it as unknown.
    /// </summary>
    public bool IsFresh(long now, TimeSpan maxAge)
    {
        lock (_lock)
        {
            return _sampled && _timeProvider.GetElapsedTime(_lastSampleTimestamp, now) <= maxAge;
        }
    }

    /// <summary>
    /// Forgets positions no replica needs any more: every entry below the last one at or below
    /// <paramref name="slowestReplayLsn"/> (the smallest replay LSN among replicas). That last one
    /// stays: it is where the slowest replica's upper bound comes from.
    /// </summary>
    public void TrimUpTo(ulong slowestReplayLsn)
    {
        lock (_lock)
        {
            while (_count > 1 && _lsns[Index(1)] <= slowestReplayLsn)
            {
                _oldest = Index(1);
                _count--;
            }
        }
    }

    /// <summary>Forgets everything (e.g. after a failover re-pointed the primary).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _oldest = 0;
            _count = 0;
            _sampled = false;
        }
    }

    private int Index(int offset) => (_oldest + offset) % _lsns.Length;

    /// <summary>Microseconds from <paramref name="since"/> to <paramref name="now"/>; a sample taken after <paramref name="now"/> counts as 0.</summary>
    private long Microseconds(long since, long now) =>
        Math.Max(0, (long)_timeProvider.GetElapsedTime(since, now).TotalMicroseconds);
}
