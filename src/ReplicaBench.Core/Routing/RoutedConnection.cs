using Npgsql;
using ReplicaBench.Topology;

namespace ReplicaBench.Routing;

/// <summary>
/// A pooled connection from <see cref="Router.OpenAsync"/>, for tools that run a few statements:
/// the connection, the decision, and the node serving it. Disposing it returns the connection to
/// the pool.
/// </summary>
public readonly struct RoutedConnection : IAsyncDisposable
{
    internal RoutedConnection(NpgsqlConnection connection, RoutingDecision decision, TopologyNode node)
    {
        (Connection, Decision, Node) = (connection, decision, node);
    }

    public NpgsqlConnection Connection { get; }

    public RoutingDecision Decision { get; }

    /// <summary>The serving node from the topology.</summary>
    public TopologyNode Node { get; }

    /// <summary>The serving node's index: 0 is the primary, 1..N the replicas in topology order.</summary>
    public int NodeIndex => Decision.ChosenNode;

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
