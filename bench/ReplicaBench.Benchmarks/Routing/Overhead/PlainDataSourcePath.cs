using Npgsql;
using ReplicaBench.Topology;
using ReplicaBench.Workload;

namespace ReplicaBench.Benchmarks.Routing.Overhead;

/// <summary>
/// Plain single-host <see cref="NpgsqlDataSource"/>s, each reader with its own open connection and
/// the load engine's own prepared point read (<see cref="WorkloadCommands"/>), so the only difference
/// to a router path is the routing. On the primary it is the baseline; on a replica it is a reference
/// row that shows what reading a replica instead of the primary costs by itself. Given several nodes,
/// reader n reads node n mod N: the connection pattern of <c>session-round-robin</c> without a router.
/// </summary>
public sealed class PlainDataSourcePath(IReadOnlyList<TopologyNode> nodes, string name, bool isReference = false) : IPointReadPath
{
    private readonly NpgsqlDataSource[] _dataSources = [.. nodes.Select(n => NodeConnections.CreateDataSource(n))];

    public PlainDataSourcePath(TopologyNode node, string name, bool isReference = false)
        : this([node], name, isReference)
    {
    }

    public string Name => name;

    public bool IsReference => isReference;

    public async ValueTask<IPointReader> OpenReaderAsync(int virtualUser, CancellationToken cancellationToken)
    {
        var connection = await _dataSources[virtualUser % _dataSources.Length].OpenConnectionAsync(cancellationToken);

        // The reader owns the commands and the connection from here on (the meter disposes it).
#pragma warning disable CA2000
        return new Reader(new WorkloadCommands(connection));
#pragma warning restore CA2000
    }

    public double? ReplicaReadShare() => null;

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }

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
