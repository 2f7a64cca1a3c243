using Npgsql;

namespace ReplicaBench.IntegrationTests.Routing;

/// <summary>What the server on the other end of a routed connection says about itself.</summary>
internal static class RoutedSql
{
    public static async Task<(bool InRecovery, int Port)> WhereAmIAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery(), inet_server_port()", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetBoolean(0), reader.GetInt32(1));
    }

    /// <summary>Waits until a replica has replayed the marker table's creation (replica2 replays 300 ms late).</summary>
    public static async Task WaitForMarkerTableAsync(string node, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(node);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT to_regclass('rb_it.markers') IS NOT NULL", connection);
        for (var i = 0; i < 1000 && !(bool)(await command.ExecuteScalarAsync(cancellationToken))!; i++)
        {
            await Task.Delay(10, cancellationToken);
        }
    }
}
