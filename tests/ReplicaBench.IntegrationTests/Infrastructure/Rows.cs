using System.Diagnostics;
using Npgsql;

namespace ReplicaBench.IntegrationTests.Infrastructure;

/// <summary>Small SQL helpers for tests: a marker table on the primary and polling a replica for a row.</summary>
internal static class Rows
{
    public static async Task EnsureMarkerTableAsync(string primary, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(primary);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "CREATE SCHEMA IF NOT EXISTS rb_it; CREATE TABLE IF NOT EXISTS rb_it.markers (id bigint PRIMARY KEY, note text)",
            connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inserts a marker and returns once the commit is acknowledged.</summary>
    public static async Task InsertMarkerAsync(string primary, long id, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(primary);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("INSERT INTO rb_it.markers (id, note) VALUES ($1, 'marker')", connection);
        command.Parameters.AddWithValue(id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Polls a node every millisecond until the marker is visible; returns how long that took.</summary>
    public static async Task<TimeSpan> WaitUntilVisibleAsync(string node, long id, Stopwatch sinceCommit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(node);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM rb_it.markers WHERE id = $1", connection);
        command.Parameters.AddWithValue(id);
        while (true)
        {
            // The schema itself may not have replayed yet on a delayed replica.
            var visible = false;
            try
            {
                visible = (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
            {
            }

            if (visible)
            {
                return sinceCommit.Elapsed;
            }

            if (sinceCommit.Elapsed > timeout)
            {
                throw new TimeoutException($"marker {id} not visible after {timeout.TotalSeconds}s");
            }

            await Task.Delay(1, cancellationToken);
        }
    }
}
