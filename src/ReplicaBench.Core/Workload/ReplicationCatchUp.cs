using Npgsql;
using NpgsqlTypes;
using ReplicaBench.Measurement;
using ReplicaBench.Topology;

namespace ReplicaBench.Workload;

/// <summary>
/// Waits until every replica has replayed what the primary has written so far: reads the primary's
/// <c>pg_current_wal_lsn()</c>, then waits on every replica at once for <c>pg_last_wal_replay_lsn()</c>
/// to reach it (<see cref="ReplayCatchUp"/>). A load matrix does this before each cell, so that a
/// replica still replaying the previous cell's writes (an apply delay, a backlog after a fault)
/// does not start the next cell behind, and records how long it took.
/// </summary>
/// <remarks>
/// Replay, not receipt: only replayed changes are visible on a hot standby. A replica that cannot
/// be reached counts as behind (with the reason) instead of failing the caller: the wait reports,
/// the cell decides what to make of it. The primary must answer; a primary failure propagates.
/// </remarks>
public static class ReplicationCatchUp
{
    private static readonly TimeSpan CoarseTimerSlack = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Waits up to <paramref name="timeout"/>; null when the topology has no replicas (nothing to
    /// wait for, nothing measured). Durations come from <paramref name="timeProvider"/>. Each
    /// replica is asked every <paramref name="pollInterval"/> (default <see cref="ReplayCatchUp.DefaultPollInterval"/>).
    /// </summary>
    public static async Task<CatchUpWait?> WaitAsync(
        TopologyDescriptor topology, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        if (topology.Replicas.Count == 0)
        {
            return null;
        }

        var started = timeProvider.GetTimestamp();
        var primaryLsn = await CurrentLsnAsync(topology.Primary, timeout, cancellationToken);
        var behind = await Task.WhenAll(topology.Replicas.Select(r => BehindAsync(r, primaryLsn, timeout, pollInterval, cancellationToken)));
        return new CatchUpWait(primaryLsn, timeProvider.GetElapsedTime(started), timeout, [.. behind.OfType<string>()]);
    }

    private static async Task<ulong> CurrentLsnAsync(TopologyNode primary, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var connection = await NodeConnections.OpenAsync(primary, cancellationToken, PreparedQuery.ConnectTimeout(timeout));
        await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()", connection);
        return (ulong)(NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Null when the replica replayed <paramref name="lsn"/> in time; else its name, and why when it could not be asked.</summary>
    private static async Task<string?> BehindAsync(TopologyNode replica, ulong lsn, TimeSpan timeout, TimeSpan? pollInterval, CancellationToken cancellationToken)
    {
        // The connection attempt and the polls share the timeout: a paused server must not hold the wait
        // longer. The polls end on the precise clock; this backstop runs on the timer queue's coarse
        // one (CLOCK_MONOTONIC_COARSE, up to 4 ms behind), which could end a wait a few milliseconds
        // before the timeout it reports having waited, so it fires that much later.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout + CoarseTimerSlack);
        try
        {
            await using var connection = await NodeConnections.OpenAsync(replica, limit.Token, PreparedQuery.ConnectTimeout(timeout));
            return await ReplayCatchUp.WaitAsync(connection, lsn, timeout, limit.Token, pollInterval) ? null : replica.Name;
        }
        catch (Exception ex) when (PreparedQuery.IsNodeFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            return limit.IsCancellationRequested ? replica.Name : $"{replica.Name} ({ConnectionErrors.Describe(ex)})";
        }
    }
}
