using System.Globalization;
using Npgsql;
using ReplicaBench.Topology;

namespace ReplicaBench.Runs;

/// <summary>
/// How shards other than 1 know that shard 1's seed of this run is complete: shard 1, once its
/// seed is replayed on every replica, writes a row keyed by the run's <c>--start-at</c> into a
/// small table of the suite's schema; the others poll every node for that row with reads only.
/// Keyed by the start instant rather than by the table's row count, so a table left by an earlier
/// run, which shard 1 is about to truncate and refill, is never mistaken for this run's seed.
/// </summary>
internal static class ShardSeedMarker
{
    /// <summary>The marker table: one row per sharded run that seeded.</summary>
    internal const string Table = SuiteSchema.Name + ".shard_seeds";

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>Shard 1: records, after its seed has been replayed everywhere, that the seed for the run starting at <paramref name="startAt"/> is in place.</summary>
    public static async Task MarkAsync(TopologyDescriptor topology, DateTimeOffset startAt, long rows, CancellationToken cancellationToken)
    {
        await using (var primary = await WriteInterlock.OpenPrimaryAsync(topology, "replicabench load --shard 1/N (marking the seed done)", cancellationToken))
        {
            await using (var create = new NpgsqlCommand(
                $"CREATE TABLE IF NOT EXISTS {Table} (start_at timestamptz PRIMARY KEY, seed_rows bigint NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())", primary))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            // Parameters make a prepared statement, which takes one command at a time.
            await using var mark = new NpgsqlCommand(
                $"INSERT INTO {Table} (start_at, seed_rows) VALUES ($1, $2) ON CONFLICT (start_at) DO UPDATE SET seed_rows = EXCLUDED.seed_rows, seeded_at = now()",
                primary);
            mark.Parameters.AddWithValue(startAt.UtcDateTime);
            mark.Parameters.AddWithValue(rows);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Shards 2..N: waits, reading only, until every node shows shard 1's marker for <paramref name="startAt"/>,
    /// at most until <paramref name="deadline"/>; past it, one line says what to check.
    /// </summary>
    public static async Task WaitAsync(
        TopologyDescriptor topology, DateTimeOffset startAt, DateTimeOffset deadline, Action<string> step, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        step(string.Create(CultureInfo.InvariantCulture, $"waiting for shard 1 to seed (the marker for --start-at {startAt:yyyy-MM-ddTHH:mm:ssZ} on every node)"));
        foreach (var node in topology.Nodes)
        {
            while (!await HasMarkerAsync(node, startAt, cancellationToken))
            {
                if (timeProvider.GetUtcNow() > deadline)
                {
                    throw new TopologyException(
                        $"shard 1 had not seeded {node.Name} by {deadline:yyyy-MM-ddTHH:mm:ssZ}; start shard 1 with the same --start-at and --state-dir topology, or a later --start-at.");
                }

                await Task.Delay(PollEvery, timeProvider, cancellationToken);
            }
        }
    }

    private static async Task<bool> HasMarkerAsync(TopologyNode node, DateTimeOffset startAt, CancellationToken cancellationToken)
    {
        await using var connection = await NodeConnections.OpenAsync(node, cancellationToken);
        await using var query = new NpgsqlCommand($"SELECT to_regclass('{Table}') IS NOT NULL", connection);
        if (await query.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return false;
        }

        await using var marker = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {Table} WHERE start_at = $1)", connection);
        marker.Parameters.AddWithValue(startAt.UtcDateTime);
        return await marker.ExecuteScalarAsync(cancellationToken) is true;
    }
}
