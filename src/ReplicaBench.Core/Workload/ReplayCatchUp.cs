using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace ReplicaBench.Workload;

/// <summary>
/// Waits for a replica to replay the WAL up to a position (<c>pg_last_wal_replay_lsn()</c>), e.g. the
/// seed's LSN before a load starts, or a write's commit LSN. Replay, not receipt: only replayed
/// changes are visible to queries on a hot standby.
/// </summary>
public static class ReplayCatchUp
{
    /// <summary>The default poll interval: fine enough to time a commit's visibility.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Polls every <paramref name="pollInterval"/> (default <see cref="DefaultPollInterval"/>) until the node has replayed <paramref name="lsn"/>; false when
    /// <paramref name="timeout"/> passes first. A node that is not in recovery (a primary) reports no
    /// replay position and counts as caught up: it has every change it made itself.
    /// </summary>
    public static async Task<bool> WaitAsync(NpgsqlConnection replica, ulong lsn, TimeSpan timeout, CancellationToken cancellationToken, TimeSpan? pollInterval = null)
    {
        var interval = pollInterval ?? DefaultPollInterval;
        var started = Stopwatch.GetTimestamp();
        await using var command = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn()", replica);
        while (true)
        {
            var replayed = await command.ExecuteScalarAsync(cancellationToken);
            if (replayed is not NpgsqlLogSequenceNumber position || (ulong)position >= lsn)
            {
                return true;
            }

            if (Stopwatch.GetElapsedTime(started) >= timeout)
            {
                return false;
            }

            await Task.Delay(interval, cancellationToken);
        }
    }
}
