using NpgsqlTypes;
using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Measurement;

/// <summary>
/// Keeps the router's <see cref="NodeStateBoard"/> current: every <see cref="ReplicaMonitorOptions.Interval"/>
/// it reads the primary's <c>pg_current_wal_lsn()</c> and each replica's <c>pg_last_wal_replay_lsn()</c>,
/// and publishes each replica's replay LSN with a staleness estimate from an <see cref="LsnTimeline"/>.
/// </summary>
/// <remarks>
/// <para>Why not <c>now() - pg_last_xact_replay_timestamp()</c>: it is the age of the last replayed
/// commit, which grows without bound on an idle primary although the replica is fully current, and
/// routing on it would shun a perfect replica. The timeline estimate is 0 when the replica has
/// replayed everything the primary has, and otherwise the time since the primary first went past
/// the replica's position.</para>
/// <para>Resolution: the estimate can be short by up to one interval (the primary is seen at a new
/// position up to one interval after it got there) and is up to one interval old when a router
/// reads it. With the default 10 ms, figures are good to about ±10 ms. So each sample carries an
/// upper bound as well (<see cref="LagBounds"/>): the time since the primary was last seen at or
/// below the replica's position, never short, at most one interval above the estimate. A staleness
/// promise routes on the bound, a ranking on the estimate.</para>
/// <para>A node that cannot be reached or does not answer within <see cref="ReplicaMonitorOptions.QueryTimeout"/>
/// gives lag -1 (unknown) and keeps its last known replay LSN (it has replayed at least that).
/// A replica that has not answered when the timeout runs out is also recorded as not answering on
/// the board (<see cref="NodeStateBoard.SetAnswering"/>) at that moment, not when the failed poll
/// returns, so reads go around a frozen server or a port that stopped answering within one
/// <see cref="ReplicaMonitorOptions.QueryTimeout"/>; the first poll answered in time puts it back.
/// Marking a node down after a connection failure stays the router's business.</para>
/// <para>Samples are stamped with the moment the replica's query was sent, on the monitor's
/// <see cref="TimeProvider"/>: give the router the same clock, so that a policy adding the sample's
/// age to its lag (replay may stall right after a sample) ages it correctly.</para>
/// <para>Cheap by construction: each node has its own loop, one connection and one prepared
/// statement, so a slow node never delays the others' figures.</para>
/// </remarks>
public sealed class ReplicaMonitor
{
    private const string PrimarySql = "SELECT pg_current_wal_lsn()";
    private const string ReplicaSql = "SELECT pg_last_wal_replay_lsn()";

    private readonly TopologyNode _primary;
    private readonly IReadOnlyList<TopologyNode> _replicas;
    private readonly NodeStateBoard _board;
    private readonly ReplicaMonitorOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <param name="topology">The servers; replicas map to board indexes in topology order.</param>
    /// <param name="board">The board the router reads; must have one slot per replica.</param>
    /// <param name="options">Sampling interval and timeouts (defaults: <see cref="ReplicaMonitorOptions"/>).</param>
    /// <param name="timeProvider">Clock for sample timestamps and the cadence (default: the system's, as the router's).</param>
    public ReplicaMonitor(TopologyDescriptor topology, NodeStateBoard board, ReplicaMonitorOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new ReplicaMonitorOptions();
        _options.Validate();
        _primary = topology.Primary;
        _replicas = topology.Replicas;
        if (board.ReplicaCount != _replicas.Count)
        {
            throw new ArgumentException($"the board has {board.ReplicaCount} replica slot(s) but the topology has {_replicas.Count} replica(s)", nameof(board));
        }

        _board = board;
        _timeProvider = timeProvider ?? TimeProvider.System;
        Timeline = new LsnTimeline(_timeProvider);
    }

    /// <summary>The primary's sampled positions (for diagnostics and tests).</summary>
    public LsnTimeline Timeline { get; }

    /// <summary>Samples until <paramref name="cancellationToken"/> is cancelled, then returns normally.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var loops = new List<Task> { SamplePrimaryAsync(cancellationToken) };
        loops.AddRange(_replicas.Select((replica, index) => SampleReplicaAsync(replica, index, cancellationToken)));
        try
        {
            await Task.WhenAll(loops);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && PreparedQuery.IsNodeFailure(ex))
        {
            // Stopping is the normal end of a monitor, also when a dead node's connection attempt was
            // still failing at that moment (a fault scenario stops it while a server is down).
        }
    }

    private async Task SamplePrimaryAsync(CancellationToken cancellationToken)
    {
        await using var query = new PreparedQuery(_primary, _options.QueryTimeout, PrimarySql);
        await EveryIntervalAsync(async () =>
        {
            var sentAt = _timeProvider.GetTimestamp();
            var lsn = await ReadLsnAsync(query, cancellationToken);
            if (lsn is { } position)
            {
                Timeline.RecordPrimary(position, sentAt);
                _board.SetPrimaryLsn(position);
                Timeline.TrimUpTo(SlowestReplayLsn());
            }
        }, cancellationToken);
    }

    private async Task SampleReplicaAsync(TopologyNode replica, int index, CancellationToken cancellationToken)
    {
        await using var query = new PreparedQuery(replica, _options.QueryTimeout, ReplicaSql);
        await EveryIntervalAsync(async () =>
        {
            var sentAt = _timeProvider.GetTimestamp();
            var lsn = await ReadLsnAsync(query, cancellationToken, index);
            if (lsn is not { } position)
            {
                // Unreachable, not answering, or not in recovery (NULL): staleness unknown.
                _board.SetReplicaSample(index, _board.ReplayLsn(index), -1, -1, sentAt);
                return;
            }

            var lag = Timeline.IsFresh(sentAt, _options.PrimaryStaleAfter)
                ? Timeline.EstimateBounds(position, sentAt)
                : LagBounds.Unknown;
            _board.SetReplicaSample(index, position, lag.LowerMicroseconds, lag.UpperMicroseconds, sentAt);
        }, cancellationToken);
    }

    /// <summary>
    /// Reads one LSN, or null when the node failed, timed out or returned NULL. For a replica
    /// (<paramref name="replica"/> its board index) it records on the board whether it answered:
    /// not answering as soon as the timeout runs out (Npgsql may take longer to give the query up).
    /// </summary>
    private async Task<ulong?> ReadLsnAsync(PreparedQuery query, CancellationToken cancellationToken, int replica = -1)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = new CancellationTokenSource(_options.QueryTimeout);

        // Npgsql's cancel of a frozen server blocks the canceller for seconds (see CancellationThread):
        // the timer thread only records the missed answer and hands the cancel on.
        using var expired = timer.Token.UnsafeRegister(_ =>
        {
            if (!cancellationToken.IsCancellationRequested && replica >= 0)
            {
                _board.SetAnswering(replica, answering: false);
            }

            CancellationThread.Cancel(timeout);
        }, null);
        try
        {
            var value = await query.ScalarAsync(timeout.Token);
            if (replica >= 0 && !timer.IsCancellationRequested)
            {
                _board.SetAnswering(replica, answering: true);
            }

            return value is NpgsqlLogSequenceNumber lsn ? (ulong)lsn : null;
        }
        catch (Exception ex) when (PreparedQuery.IsNodeFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            if (replica >= 0)
            {
                // Refused or broken: not answering either (the router also marks it down when its own connections fail).
                _board.SetAnswering(replica, answering: false);
            }

            return null;
        }
    }

    private async Task EveryIntervalAsync(Func<Task> sample, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, _timeProvider);
        do
        {
            await sample();
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private ulong SlowestReplayLsn()
    {
        var slowest = ulong.MaxValue;
        for (var i = 0; i < _board.ReplicaCount; i++)
        {
            // 0 = not sampled yet: keep everything until every replica has reported.
            slowest = Math.Min(slowest, _board.ReplayLsn(i));
        }

        // No replicas: nothing needs history, keep only the newest position.
        return slowest;
    }
}
