using Npgsql;
using ReplicaBench.Topology;

namespace ReplicaBench.Measurement.Conflicts;

/// <summary>
/// A table's dead tuples (<c>pg_stat_user_tables.n_dead_tup</c>) and size (<c>pg_table_size</c>) on
/// the primary: what <c>hot_standby_feedback = on</c> costs, since vacuum then keeps the row versions
/// the replicas' queries still need.
/// </summary>
/// <param name="DeadTuples">Dead row versions as the statistics count them (vacuum sets it to those it could not remove).</param>
/// <param name="SizeBytes">The table's size on disk, without indexes.</param>
public sealed record TableBloat(long DeadTuples, long SizeBytes)
{
    /// <param name="primary">The node to read on.</param>
    /// <param name="table">The table, schema-qualified if needed (it is passed as a regclass text).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<TableBloat> ReadAsync(TopologyNode primary, string table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(primary);
        await using var connection = await NodeConnections.OpenAsync(primary, cancellationToken, b => b.Pooling = false);
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(s.n_dead_tup, 0), pg_table_size($1::regclass) FROM (SELECT 1) one LEFT JOIN pg_stat_user_tables s ON s.relid = $1::regclass",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new TableBloat(reader.GetInt64(0), reader.GetInt64(1));
    }
}
