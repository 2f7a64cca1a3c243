using BenchmarkDotNet.Attributes;
using Npgsql;
using ReplicaBench.Topology;

namespace ReplicaBench.Benchmarks.Connections;

/// <summary>
/// What "use connection pooling" is worth: open + <c>SELECT 1</c> + close, pooled vs not, against
/// the primary. The unpooled case is the connect-per-query habit of the classic replica tutorial
/// (new connection, query, close): a TCP connect, a backend fork and a SCRAM handshake per query.
/// Connections come from <see cref="NodeConnections"/>, so an RDS IAM topology logs in with tokens;
/// for a password node "new connection" is exactly <c>new NpgsqlConnection(connectionString)</c>.
/// </summary>
[BenchmarkCategory("Connections")]
public class ConnectionBenchmarks
{
    private NpgsqlDataSource _pooled = null!;
    private TopologyNode _pooledNode = null!;
    private TopologyNode _unpooledNode = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var primary = BenchTopology.Load().Primary;
        // The connection strings are set once here, so the measured calls build none.
        _pooledNode = primary with { ConnectionString = new NpgsqlConnectionStringBuilder(primary.ConnectionString) { Pooling = true }.ConnectionString };
        _unpooledNode = primary with { ConnectionString = new NpgsqlConnectionStringBuilder(primary.ConnectionString) { Pooling = false }.ConnectionString };
        _pooled = NodeConnections.CreateDataSource(_pooledNode);

        // Warm the pool so the baseline measures reuse, not the first connect.
        await using var warm = await _pooled.OpenConnectionAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _pooled.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>The recommended way: a pooled NpgsqlDataSource, open, query, return to the pool.</summary>
    [Benchmark(Baseline = true, Description = "Pooled data source: open + SELECT 1 + close")]
    public async Task<object?> PooledDataSource()
    {
        await using var connection = await _pooled.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>new NpgsqlConnection per query with pooling on (Npgsql's default): still pooled underneath.</summary>
    [Benchmark(Description = "new NpgsqlConnection, Pooling=true: open + SELECT 1 + close")]
    public async Task<object?> PooledNewConnection()
    {
        await using var connection = NodeConnections.Create(_pooledNode);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Pooling off: the connect-per-query habit. A new server backend for every query.</summary>
    [Benchmark(Description = "Connect per query, Pooling=false: open + SELECT 1 + close")]
    public async Task<object?> UnpooledConnectPerQuery()
    {
        await using var connection = NodeConnections.Create(_unpooledNode);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return await command.ExecuteScalarAsync();
    }
}
