using Npgsql;
using ReplicaBench.Engine;

namespace ReplicaBench.Topology;

/// <summary>Reads each node's reachability and, for replicas, the primary's view of their replication.</summary>
public static class TopologyStatusReader
{
    private const string ReplicationQuery = """
        SELECT application_name, state,
               pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint,
               write_lag, flush_lag, replay_lag
        FROM pg_stat_replication
        """;

    public static async Task<IReadOnlyList<NodeStatus>> ReadAsync(TopologyDescriptor topology, CancellationToken cancellationToken)
    {
        var probes = await Task.WhenAll(topology.Nodes.Select(n => ProbeAsync(n, cancellationToken)));
        var replication = await ReadReplicationAsync(topology.Primary, cancellationToken);

        return [.. topology.Nodes.Zip(probes, (node, probe) =>
        {
            replication.TryGetValue(node.Name, out var row);
            return new NodeStatus(
                node.Name,
                node.Role,
                probe.Error is null,
                probe.Error,
                probe.InRecovery,
                node.Role == NodeRole.Replica ? row?.State ?? "not connected" : null,
                row?.LagBytes,
                row?.WriteLag,
                row?.FlushLag,
                row?.ReplayLag);
        })];
    }

    private static async Task<(bool? InRecovery, string? Error)> ProbeAsync(TopologyNode node, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await NodeConnections.OpenAsync(node, cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
            return ((bool)(await command.ExecuteScalarAsync(cancellationToken))!, null);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return (null, ConnectionErrors.Describe(ex));
        }
    }

    private static async Task<Dictionary<string, ReplicationRow>> ReadReplicationAsync(TopologyNode primary, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, ReplicationRow>(StringComparer.Ordinal);
        try
        {
            await using var connection = await NodeConnections.OpenAsync(primary, cancellationToken);
            await using var command = new NpgsqlCommand(ReplicationQuery, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // Without pg_monitor (or superuser) the view shows other roles' walsenders with every
                // column but the name null: say so instead of failing on it.
                rows[reader.GetString(0)] = new ReplicationRow(
                    reader.IsDBNull(1) ? HiddenState : reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetInt64(2),
                    reader.IsDBNull(3) ? null : reader.GetTimeSpan(3),
                    reader.IsDBNull(4) ? null : reader.GetTimeSpan(4),
                    reader.IsDBNull(5) ? null : reader.GetTimeSpan(5));
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The primary is down: its own row says so; replicas show "not connected".
        }

        return rows;
    }

    /// <summary>The state shown when pg_stat_replication hides it from the role.</summary>
    public const string HiddenState = "hidden (needs pg_monitor)";

    private sealed record ReplicationRow(string State, long? LagBytes, TimeSpan? WriteLag, TimeSpan? FlushLag, TimeSpan? ReplayLag);
}
