using System.Threading.Channels;
using Npgsql;
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
/// although nothing is stale; byte lag says how much WAL is missing, not for how long.</para>
/// <para>A node that cannot be reached is reported in the sample (<see cref="LagSample.PrimaryError"/>,
/// <see cref="ReplicaLagFigures.Error"/>) and tried again next round; it never stops the sampler.
/// Each node keeps one connection and one prepared statement between rounds. Reading
/// <c>pg_stat_replication</c>'s lag columns needs superuser or <c>pg_read_all_stats</c> (on RDS,
/// <c>rds_superuser</c> has it); without it they read as null.</para>
/// </remarks>
public sealed class LagSampler : IAsyncDisposable
{
    private const string PrimarySql = """
        SELECT application_name, state, write_lag, flush_lag, replay_lag,
               pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint
        FROM pg_stat_replication
        """;

    private const string ReplicaSql = """
        SELECT pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint,
               now() - pg_last_xact_replay_timestamp()
        """;

    private readonly IReadOnlyList<TopologyNode> _replicas;
    private readonly LagSamplerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly long _origin;
    private readonly PreparedQuery _primaryQuery;
    private readonly PreparedQuery[] _replicaQueries;
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
    }

    /// <summary>Takes one round of figures from every node, concurrently.</summary>
    public async Task<LagSample> SampleAsync(CancellationToken cancellationToken)
    {
        await _oneRoundAtATime.WaitAsync(cancellationToken);
        try
        {
            var elapsed = _timeProvider.GetElapsedTime(_origin);
            var wallTime = _timeProvider.GetUtcNow();
            var primaryTask = ReadPrimaryAsync(cancellationToken);
            var replicaTasks = _replicaQueries.Select(q => ReadReplicaAsync(q, cancellationToken)).ToArray();
            var (rows, primaryError) = await primaryTask;
            var replicaViews = await Task.WhenAll(replicaTasks);

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
                await output.WriteAsync(await SampleAsync(cancellationToken), cancellationToken);
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
        foreach (var query in _replicaQueries)
        {
            await query.DisposeAsync();
        }

        _oneRoundAtATime.Dispose();
    }

    private async Task<(Dictionary<string, ReplicationRow> Rows, string? Error)> ReadPrimaryAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.QueryTimeout);
        try
        {
            var rows = await _primaryQuery.ReadAsync(ReadReplicationRowsAsync, timeout.Token);
            return (rows, null);
        }
        catch (Exception ex) when (PreparedQuery.IsNodeFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            return (new Dictionary<string, ReplicationRow>(StringComparer.Ordinal), Describe(ex, timeout.IsCancellationRequested));
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
        timeout.CancelAfter(_options.QueryTimeout);
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
            return new ReplicaView(null, null, Describe(ex, timeout.IsCancellationRequested));
        }
    }

    private static TimeSpan? NullableInterval(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetTimeSpan(ordinal);

    private string Describe(Exception exception, bool timedOut) =>
        timedOut ? $"no answer within {_options.QueryTimeout.TotalSeconds:0.###}s" : ConnectionErrors.Describe(exception);

    private sealed record ReplicationRow(string? State, TimeSpan? WriteLag, TimeSpan? FlushLag, TimeSpan? ReplayLag, long? ReplayLagBytes);

    private sealed record ReplicaView(long? ReceiveReplayGapBytes, TimeSpan? LastReplayAge, string? Error);
}
