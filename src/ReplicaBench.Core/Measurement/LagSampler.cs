using System.Globalization;
using System.Threading.Channels;
using Npgsql;
using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Measurement;

/// <summary>
/// Samples what the servers report about replication lag, once or every
/// <see cref="LagSamplerOptions.Interval"/>: from the primary's <c>pg_stat_replication</c>
/// (write/flush/replay lag and byte lag per <c>application_name</c>) and from each replica
/// (received-but-not-replayed bytes, and the RDS <c>ReplicaLag</c> formula
/// <c>now() - pg_last_xact_replay_timestamp()</c>). This is the server's side of staleness, to set
/// beside the client-observed side (<see cref="VisibilityProbe"/>).
/// </summary>
/// <remarks>
/// <para>Where the server figures mislead: <c>write_lag</c>/<c>flush_lag</c>/<c>replay_lag</c> go NULL
/// once the primary is idle (reported as null, not 0); the RDS formula grows on an idle primary
/// although nothing is stale; byte lag says how much WAL is missing, not for how long. And
/// <c>replay_lag</c> is as of the standby's last reply: a standby too starved (or frozen) to reply
/// keeps its last value, level, while it falls further behind (a <c>limits</c> step read a 0.01-CPU
/// replica at 1,520 ms for all 7 samples of 3,000 writes/s, and called it keeping up). So the lag read
/// here, when the primary has WAL the standby has not replayed, adds the time since that reply
/// beyond the standby's status interval (to 0 when the last reply said "caught up", NULL)
/// (<c>wal_receiver_status_interval</c>, read on the primary, which the local and containers
/// providers set alike): what the primary knows the replica to have replayed is that much older. A
/// healthy standby replies at least every interval, and more often under writes, so its figure is
/// <c>replay_lag</c> itself.</para>
/// <para>A node that cannot be reached is reported in the sample (<see cref="LagSample.PrimaryError"/>,
/// <see cref="ReplicaLagFigures.Error"/>) and tried again next round; it never stops the sampler.
/// A replica that is slow to answer never holds back the round: <c>replay_lag</c> and the byte lag
/// come from the primary, and in <see cref="RunAsync"/> a round waits for the replicas' own views
/// only until one <see cref="LagSamplerOptions.Interval"/> after it began. A replica that has not
/// answered by then is reported as not answering, and its query goes on (up to
/// <see cref="LagSamplerOptions.QueryTimeout"/>) without a second one being started; a round that
/// finds it ended in between reports its answer, up to one interval old. Before this, a replica at
/// 0.01 CPU (connecting took it 1.5-2.9 s, a query on an open connection 0.1-0.6 s) held every round
/// for its 2 s timeout and the reconnection after it, so even the healthy replica got a sample every
/// 2.5 s.</para>
/// <para>Each node keeps one connection and one prepared statement between rounds. Reading
/// <c>pg_stat_replication</c>'s lag columns needs superuser or <c>pg_read_all_stats</c> (on RDS,
/// <c>rds_superuser</c> has it); without it they read as null.</para>
/// </remarks>
public sealed class LagSampler : IAsyncDisposable
{
    private const string PrimarySql = """
        SELECT application_name, state, write_lag, flush_lag,
               CASE WHEN now() - reply_time > current_setting('wal_receiver_status_interval')::interval AND pg_current_wal_lsn() > replay_lsn
                    THEN coalesce(replay_lag, interval '0') + (now() - reply_time - current_setting('wal_receiver_status_interval')::interval)
                    ELSE replay_lag END,
               pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint
        FROM pg_stat_replication
        """;

    private const string ReplicaSql = """
        SELECT pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint,
               now() - pg_last_xact_replay_timestamp()
        """;

    // How long disposing waits for a query a round stopped waiting for, before closing its connection.
    private static readonly TimeSpan SettleBound = TimeSpan.FromSeconds(1);

    private readonly IReadOnlyList<TopologyNode> _replicas;
    private readonly LagSamplerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly long _origin;
    private readonly PreparedQuery _primaryQuery;
    private readonly PreparedQuery[] _replicaQueries;
    private readonly PendingAnswer<ReplicaView>[] _replicaAnswers;
    private readonly SemaphoreSlim _oneRoundAtATime = new(1, 1);

    /// <param name="topology">The servers to ask.</param>
    /// <param name="options">Cadence, timeouts, clock origin (defaults: <see cref="LagSamplerOptions"/>).</param>
    /// <param name="timeProvider">Clock for <see cref="LagSample.Elapsed"/>, <see cref="LagSample.WallTime"/> and the cadence.</param>
    public LagSampler(TopologyDescriptor topology, LagSamplerOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new LagSamplerOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _origin = _options.OriginTimestamp ?? _timeProvider.GetTimestamp();
        _replicas = topology.Replicas;
        _primaryQuery = new PreparedQuery(topology.Primary, _options.QueryTimeout, PrimarySql);
        _replicaQueries = [.. _replicas.Select(r => new PreparedQuery(r, _options.QueryTimeout, ReplicaSql))];
        _replicaAnswers = [.. _replicas.Select(_ => new PendingAnswer<ReplicaView>())];
    }

    /// <summary>Takes one round of figures from every node, concurrently, waiting for each up to its query timeout.</summary>
    public Task<LagSample> SampleAsync(CancellationToken cancellationToken) => SampleAsync(_options.QueryTimeout, cancellationToken);

    /// <summary>
    /// One round: the primary's figures (waited for up to the query timeout: they are the round), and
    /// each replica's own view if it answers within <paramref name="replicaWait"/> of the round's start.
    /// </summary>
    internal async Task<LagSample> SampleAsync(TimeSpan replicaWait, CancellationToken cancellationToken)
    {
        await _oneRoundAtATime.WaitAsync(cancellationToken);
        try
        {
            var started = _timeProvider.GetTimestamp();
            var elapsed = _timeProvider.GetElapsedTime(_origin, started);
            var wallTime = _timeProvider.GetUtcNow();
            var primaryTask = ReadPrimaryAsync(cancellationToken);
            var replicaTasks = _replicaQueries.Select((q, i) => _replicaAnswers[i].Ask(() => ReadReplicaAsync(q, cancellationToken))).ToArray();
            var (rows, primaryError) = await primaryTask;
            var replicaViews = new ReplicaView[replicaTasks.Length];
            for (var i = 0; i < replicaTasks.Length; i++)
            {
                replicaViews[i] = await WithinAsync(replicaTasks[i], replicaWait - _timeProvider.GetElapsedTime(started), replicaWait, cancellationToken);
            }

            var figures = new ReplicaLagFigures[_replicas.Count];
            for (var i = 0; i < figures.Length; i++)
            {
                rows.TryGetValue(_replicas[i].Name, out var row);
                var view = replicaViews[i];
                figures[i] = new ReplicaLagFigures(
                    _replicas[i].Name,
                    row?.State,
                    row?.WriteLag,
                    row?.FlushLag,
                    row?.ReplayLag,
                    row?.ReplayLagBytes,
                    view.ReceiveReplayGapBytes,
                    view.LastReplayAge,
                    view.Error);
            }

            return new LagSample(elapsed, wallTime, primaryError, figures);
        }
        finally
        {
            _oneRoundAtATime.Release();
        }
    }

    /// <summary>
    /// Writes a sample to <paramref name="output"/> now and then every interval until
    /// <paramref name="cancellationToken"/> is cancelled; then completes the channel and returns.
    /// A slow round delays the next one instead of piling rounds up.
    /// </summary>
    public async Task RunAsync(ChannelWriter<LagSample> output, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(_options.Interval, _timeProvider);
            do
            {
                await output.WriteAsync(await SampleAsync(Min(_options.Interval, _options.QueryTimeout), cancellationToken), cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && PreparedQuery.IsNodeFailure(ex))
        {
            // Stopping is the normal end of a sampler, also when a dead node's connection attempt was
            // still failing at that moment (a fault scenario stops it while a server is down).
        }
        finally
        {
            output.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _primaryQuery.DisposeAsync();
        for (var i = 0; i < _replicaQueries.Length; i++)
        {
            // A query a round stopped waiting for is given a moment to end before its connection closes.
            await _replicaAnswers[i].SettleAsync(SettleBound);
            await _replicaQueries[i].DisposeAsync();
        }

        _oneRoundAtATime.Dispose();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>The replica's view if its query ends within <paramref name="remaining"/>; else "no answer", its query left running.</summary>
    private async Task<ReplicaView> WithinAsync(Task<ReplicaView> answer, TimeSpan remaining, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (answer.IsCompleted || remaining <= TimeSpan.Zero)
        {
            return answer.IsCompleted ? await answer : NoAnswer(wait);
        }

        try
        {
            return await answer.WaitAsync(remaining, _timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            return NoAnswer(wait);
        }
    }

    private static ReplicaView NoAnswer(TimeSpan wait) =>
        new(null, null, string.Create(CultureInfo.InvariantCulture, $"no answer within {wait.TotalSeconds:0.###}s"));

    private async Task<(Dictionary<string, ReplicationRow> Rows, string? Error)> ReadPrimaryAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = new CancellationTokenSource(_options.QueryTimeout);

        // The cancel runs on a thread of its own: Npgsql sends its cancel request from inside it, and to a
        // server too busy to accept a connection that blocks for seconds (see CancellationThread).
        await using var expiry = timer.Token.UnsafeRegister(static state => CancellationThread.Cancel((CancellationTokenSource)state!), timeout);
        try
        {
            var rows = await _primaryQuery.ReadAsync(ReadReplicationRowsAsync, timeout.Token);
            return (rows, null);
        }
        catch (Exception ex) when (PreparedQuery.IsNodeFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            return (new Dictionary<string, ReplicationRow>(StringComparer.Ordinal), Describe(ex, timer.IsCancellationRequested));
        }
    }

    private static async Task<Dictionary<string, ReplicationRow>> ReadReplicationRowsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, ReplicationRow>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new ReplicationRow(
                reader.IsDBNull(1) ? null : reader.GetString(1),
                NullableInterval(reader, 2),
                NullableInterval(reader, 3),
                NullableInterval(reader, 4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5));
            var name = reader.IsDBNull(0) ? string.Empty : reader.GetString(0);

            // A standby that is reconnecting can be listed twice for a moment: the streaming one counts.
            if (!rows.TryGetValue(name, out var existing) || (existing.State != "streaming" && row.State == "streaming"))
            {
                rows[name] = row;
            }
        }

        return rows;
    }

    private async Task<ReplicaView> ReadReplicaAsync(PreparedQuery query, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = new CancellationTokenSource(_options.QueryTimeout);

        // The cancel runs on a thread of its own: Npgsql sends its cancel request from inside it, and to a
        // server too busy to accept a connection that blocks for seconds (see CancellationThread).
        await using var expiry = timer.Token.UnsafeRegister(static state => CancellationThread.Cancel((CancellationTokenSource)state!), timeout);
        try
        {
            return await query.ReadAsync(
                async (reader, token) => await reader.ReadAsync(token)
                    ? new ReplicaView(reader.IsDBNull(0) ? null : reader.GetInt64(0), NullableInterval(reader, 1), null)
                    : new ReplicaView(null, null, null),
                timeout.Token);
        }
        catch (Exception ex) when (PreparedQuery.IsNodeFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            return new ReplicaView(null, null, Describe(ex, timer.IsCancellationRequested));
        }
    }

    private static TimeSpan? NullableInterval(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetTimeSpan(ordinal);

    private string Describe(Exception exception, bool timedOut) =>
        timedOut ? $"no answer within {_options.QueryTimeout.TotalSeconds:0.###}s" : ConnectionErrors.Describe(exception);

    private sealed record ReplicationRow(string? State, TimeSpan? WriteLag, TimeSpan? FlushLag, TimeSpan? ReplayLag, long? ReplayLagBytes);

    private sealed record ReplicaView(long? ReceiveReplayGapBytes, TimeSpan? LastReplayAge, string? Error);
}
