using Npgsql;
using ReplicaBench.Workload;

namespace ReplicaBench.Benchmarks.Routing.Overhead;

/// <summary>
/// A plain single-host <see cref="NpgsqlDataSource"/> on one node, each reader with its own open
/// connection and the load engine's own prepared point read (<see cref="WorkloadCommands"/>), so the
/// only difference to a router path is the routing. On the primary it is the baseline; on a replica
/// it is a reference row that shows what reading a replica instead of the primary costs by itself.
/// </summary>
public sealed class PlainDataSourcePath(string connectionString, string name, bool isReference = false) : IPointReadPath
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public string Name => name;

    public bool IsReference => isReference;

    public async ValueTask<IPointReader> OpenReaderAsync(int virtualUser, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);

        // The reader owns the commands and the connection from here on (the meter disposes it).
#pragma warning disable CA2000
        return new Reader(new WorkloadCommands(connection));
#pragma warning restore CA2000
    }

    public double? ReplicaReadShare() => null;

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private sealed class Reader(WorkloadCommands commands) : IPointReader
    {
        public async ValueTask ReadAsync(long key, CancellationToken cancellationToken) =>
            await commands.PointReadAsync(key, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await commands.DisposeAsync();
            await commands.Connection.DisposeAsync();
        }
    }
}
