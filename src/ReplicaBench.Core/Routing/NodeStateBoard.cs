using System.Diagnostics;

namespace ReplicaBench.Routing;

/// <summary>
/// What the router knows about each replica, written by background samplers and connection
/// failures, read on every routing decision. Plain arrays with volatile access: a decision reads a
/// few longs and never locks, allocates or waits for I/O.
/// </summary>
/// <remarks>
/// Replicas are indexed 0..<see cref="ReplicaCount"/>-1 in topology order (replica1 is 0).
/// LSNs are PostgreSQL <c>pg_lsn</c> values as unsigned 64-bit numbers; 0 means "not sampled yet".
/// Lag is the sampled staleness in microseconds, kept twice: the best estimate
/// (<see cref="LagMicroseconds"/>, for ranking replicas) and an upper bound
/// (<see cref="LagUpperBoundMicroseconds"/>, for promises such as a staleness bound); -1 means
/// "unknown" (treated as too stale by lag-aware policies).
/// </remarks>
public sealed class NodeStateBoard
{
    private readonly int[] _down;
    private readonly int[] _unanswering;
    private readonly long[] _downSinceTimestamp;
    private readonly long[] _downCount;
    private readonly long[] _unansweredCount;
    private readonly long[] _replayLsn;
    private readonly long[] _lagMicroseconds;
    private readonly long[] _lagUpperBoundMicroseconds;
    private readonly long[] _sampledAtTimestamp;
    private long _primaryLsn;

    public NodeStateBoard(int replicaCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicaCount);
        ReplicaCount = replicaCount;
        _down = new int[replicaCount];
        _unanswering = new int[replicaCount];
        _downSinceTimestamp = new long[replicaCount];
        _downCount = new long[replicaCount];
        _unansweredCount = new long[replicaCount];
        _replayLsn = new long[replicaCount];
        _lagMicroseconds = new long[replicaCount];
        _lagUpperBoundMicroseconds = new long[replicaCount];
        _sampledAtTimestamp = new long[replicaCount];
        Array.Fill(_lagMicroseconds, -1);
        Array.Fill(_lagUpperBoundMicroseconds, -1);
    }

    public int ReplicaCount { get; }

    /// <summary>The primary's WAL position as last sampled (<c>pg_current_wal_lsn()</c>).</summary>
    public ulong PrimaryLsn => (ulong)Volatile.Read(ref _primaryLsn);

    /// <summary>In rotation: neither marked down (<see cref="IsMarkedDown"/>) nor found not answering by the replica monitor (<see cref="IsAnswering"/>).</summary>
    public bool IsHealthy(int replica) => Volatile.Read(ref _down[replica]) == 0 && Volatile.Read(ref _unanswering[replica]) == 0;

    /// <summary>Taken out of rotation by the router after a connection failure, until a recheck brings it back.</summary>
    public bool IsMarkedDown(int replica) => Volatile.Read(ref _down[replica]) != 0;

    /// <summary>
    /// False while the replica monitor's last poll of the replica went unanswered within its timeout
    /// (a frozen server, a port that stopped answering, a dead one): reads go around it until a poll
    /// is answered again. Kept apart from <see cref="IsMarkedDown"/>, which the router owns.
    /// </summary>
    public bool IsAnswering(int replica) => Volatile.Read(ref _unanswering[replica]) == 0;

    /// <summary>How many times the monitor found the replica not answering after it had answered (each starts a stretch out of rotation).</summary>
    public long UnansweredCount(int replica) => Volatile.Read(ref _unansweredCount[replica]);

    /// <summary>Records whether the replica answered the monitor's poll in time. Returns true when that changed.</summary>
    public bool SetAnswering(int replica, bool answering)
    {
        var changed = Interlocked.Exchange(ref _unanswering[replica], answering ? 0 : 1) != (answering ? 0 : 1);
        if (changed && !answering)
        {
            Interlocked.Increment(ref _unansweredCount[replica]);
        }

        return changed;
    }

    /// <summary>When the replica was marked down (a <see cref="Stopwatch"/> timestamp), 0 when healthy.</summary>
    public long DownSinceTimestamp(int replica) => Volatile.Read(ref _downSinceTimestamp[replica]);

    /// <summary>
    /// How many times the replica has been marked down. A connection opened while this was n is
    /// suspect once it is n+1: the server went away in between, even if a recheck has since marked
    /// it up, so holders of long-lived connections reopen instead of failing on a dead socket.
    /// </summary>
    public long DownCount(int replica) => Volatile.Read(ref _downCount[replica]);

    public ulong ReplayLsn(int replica) => (ulong)Volatile.Read(ref _replayLsn[replica]);

    /// <summary>The replica's staleness when sampled, best estimate (µs, -1 unknown).</summary>
    public long LagMicroseconds(int replica) => Volatile.Read(ref _lagMicroseconds[replica]);

    /// <summary>The most the replica can have been behind when sampled (µs, -1 unknown): never below <see cref="LagMicroseconds"/>.</summary>
    public long LagUpperBoundMicroseconds(int replica) => Volatile.Read(ref _lagUpperBoundMicroseconds[replica]);

    /// <summary>When the replica's LSN and lag were last sampled (a <see cref="Stopwatch"/> timestamp).</summary>
    public long SampledAtTimestamp(int replica) => Volatile.Read(ref _sampledAtTimestamp[replica]);

    /// <summary>Takes a replica out of rotation (first connection failure). Returns false if it already was.</summary>
    public bool MarkDown(int replica)
    {
        if (Interlocked.Exchange(ref _down[replica], 1) == 1)
        {
            return false;
        }

        Volatile.Write(ref _downSinceTimestamp[replica], Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _downCount[replica]);
        return true;
    }

    /// <summary>Returns a replica to rotation after a successful recheck.</summary>
    public void MarkUp(int replica)
    {
        Volatile.Write(ref _downSinceTimestamp[replica], 0);
        Volatile.Write(ref _down[replica], 0);
    }

    public void SetPrimaryLsn(ulong lsn) => Volatile.Write(ref _primaryLsn, (long)lsn);

    /// <summary>Records a replica sample: its replay LSN and its staleness in microseconds (-1 unknown), known exactly.</summary>
    public void SetReplicaSample(int replica, ulong replayLsn, long lagMicroseconds) =>
        SetReplicaSample(replica, replayLsn, lagMicroseconds, lagMicroseconds, Stopwatch.GetTimestamp());

    /// <summary>
    /// Records a replica sample taken at <paramref name="sampledAtTimestamp"/> (a <see cref="Stopwatch"/>
    /// timestamp, or one from the <see cref="TimeProvider"/> the policies were given) whose staleness
    /// is known exactly (estimate and upper bound alike): for tests on a fake clock.
    /// </summary>
    public void SetReplicaSample(int replica, ulong replayLsn, long lagMicroseconds, long sampledAtTimestamp) =>
        SetReplicaSample(replica, replayLsn, lagMicroseconds, lagMicroseconds, sampledAtTimestamp);

    /// <summary>
    /// Records a replica sample taken at <paramref name="sampledAtTimestamp"/>: its replay LSN, its
    /// staleness estimate and the most it can have been behind (both µs, -1 unknown). For samplers
    /// that stamp the moment the query ran (see <c>ReplicaMonitor</c>).
    /// </summary>
    public void SetReplicaSample(int replica, ulong replayLsn, long lagMicroseconds, long lagUpperBoundMicroseconds, long sampledAtTimestamp)
    {
        // The timestamp goes last and readers read it first: a reader that sees this sample's time
        // sees its figures too, and one that sees the previous time at worst pairs newer figures
        // with an older (larger) age, which errs towards "more stale".
        Volatile.Write(ref _replayLsn[replica], (long)replayLsn);
        Volatile.Write(ref _lagMicroseconds[replica], lagMicroseconds);
        Volatile.Write(ref _lagUpperBoundMicroseconds[replica], lagUpperBoundMicroseconds);
        Volatile.Write(ref _sampledAtTimestamp[replica], sampledAtTimestamp);
    }
}
