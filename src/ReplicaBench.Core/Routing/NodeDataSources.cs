using Npgsql;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Poolers;

namespace ReplicaBench.Routing;

/// <summary>
/// One pooled <see cref="NpgsqlDataSource"/> per node, in decision-index order (0 the primary,
/// 1..N the replicas). After a failover the primary's slot is re-pointed at the promoted server;
/// the source it replaces is kept until disposal, because an operation may still be opening from it.
/// </summary>
internal sealed class NodeDataSources : IAsyncDisposable
{
    private readonly NpgsqlDataSource[] _sources;
    private readonly List<NpgsqlDataSource> _replaced = [];
    private readonly int _maximumPoolSize;
    private readonly TimeSpan? _operationTimeout;
    private readonly bool _includeErrorDetail;

    public NodeDataSources(IReadOnlyList<TopologyNode> nodes, int maximumPoolSize, TimeSpan? operationTimeout = null, bool includeErrorDetail = false)
    {
        _maximumPoolSize = maximumPoolSize;
        _operationTimeout = operationTimeout;
        _includeErrorDetail = includeErrorDetail;
        _sources = [.. nodes.Select(Create)];
    }

    /// <summary>The current source of a node; read on every open, so it is a volatile read.</summary>
    public NpgsqlDataSource this[int node] => Volatile.Read(ref _sources[node]);

    /// <summary>Points <paramref name="node"/>'s slot at <paramref name="server"/> and clears the pool of the server it leaves.</summary>
    public void Repoint(int node, TopologyNode server)
    {
        var replaced = Interlocked.Exchange(ref _sources[node], Create(server));
        lock (_replaced)
        {
            _replaced.Add(replaced);
        }

        replaced.Clear();
    }

    /// <summary>Drops a node's idle pooled connections: after its server went away they are dead too.</summary>
    public void Clear(int node) => this[node].Clear();

    /// <summary>Disposes every source synchronously, for a constructor that fails after making them.</summary>
    public void DisposeNow() => Array.ForEach(_sources, s => s.Dispose());

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Concat(_replaced))
        {
            await source.DisposeAsync();
        }
    }

    // Behind a transaction pooler a connection is a client of the pooler, not a server backend, so
    // the server's max_connections no longer bounds how many the virtual users may hold.
    private NpgsqlDataSource Create(TopologyNode node) =>
        NodeConnections.CreateDataSource(node, builder =>
        {
            builder.MaxPoolSize = SessionPolicy.IsPooled(node.ConnectionString)
                ? Math.Max(_maximumPoolSize, SessionPolicy.PooledClientConnections)
                : _maximumPoolSize;
            builder.IncludeErrorDetail = _includeErrorDetail || builder.IncludeErrorDetail;
            if (_operationTimeout is { } timeout)
            {
                builder.Timeout = RouterOptions.ConnectTimeoutSeconds(timeout);
                builder.CommandTimeout = RouterOptions.CommandTimeoutSeconds(timeout);
                builder.CancellationTimeout = (int)RouterOptions.CancellationWait.TotalMilliseconds;
            }
        });
}
