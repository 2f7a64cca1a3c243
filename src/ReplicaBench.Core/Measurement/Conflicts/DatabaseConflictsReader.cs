using Npgsql;
using ReplicaBench.Topology;

namespace ReplicaBench.Measurement.Conflicts;

/// <summary>
/// A replica's own count of the queries recovery cancelled in the suite's database:
/// <c>pg_stat_database_conflicts</c> (cumulative since the stats were reset; difference two reads for
/// a window). A cancelled backend reports its conflict with its other statistics, at the latest when
/// it next goes idle or disconnects, so a read right after a cancellation may not count it yet.
/// </summary>
public static class DatabaseConflictsReader
{
    public static async Task<ConflictCounts> ReadAsync(TopologyNode replica, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replica);
        await using var connection = await NodeConnections.OpenAsync(replica, cancellationToken, b => b.Pooling = false);
        await using var command = new NpgsqlCommand(
            "SELECT confl_snapshot, confl_lock, confl_bufferpin, confl_deadlock, confl_tablespace FROM pg_stat_database_conflicts WHERE datname = current_database()",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ConflictCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), 0)
            : ConflictCounts.Zero;
    }
}
