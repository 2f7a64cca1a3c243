using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Topology;

namespace ReplicaBench.Routing;

/// <summary>
/// The npgsql-prefer-standby route: one Npgsql multi-host data source over every node, which picks
/// the host of each connection itself (standbys for reads, the primary for writes). The suite only
/// finds out afterwards which node that was, from the connection's host and port.
/// </summary>
internal sealed class NpgsqlMultiHostRoute : IAsyncDisposable
{
    /// <summary>How failures are named when Npgsql, not the suite, chose the host.</summary>
    public const string DisplayName = "npgsql multi-host data source";

    private readonly IReadOnlyList<TopologyNode> _nodes;
    private readonly NpgsqlMultiHostDataSource _multiHost;
    private readonly NpgsqlDataSource _reads;
    private readonly NpgsqlDataSource _writes;

    public NpgsqlMultiHostRoute(IReadOnlyList<TopologyNode> nodes, int maximumPoolSize, bool includeErrorDetail = false)
    {
        if (nodes.Any(n => n.Iam is not null))
        {
            // One multi-host data source logs in to every host with one password; an IAM token is signed for one host.
            throw new BadInputException(
                "the npgsql-prefer-standby policy cannot log in with auth iam: Npgsql's multi-host data source gives every host the same password, and an IAM token is valid for one host only; leave that policy out, or use auth password.");
        }

        _nodes = nodes;
        var builder = new NpgsqlConnectionStringBuilder(nodes[0].ConnectionString)
        {
            Host = string.Join(',', nodes.Select(n => $"{n.Host}:{n.Port}")),
            LoadBalanceHosts = true,
            MaxPoolSize = maximumPoolSize,
        };
        builder.IncludeErrorDetail = includeErrorDetail || builder.IncludeErrorDetail;
        _multiHost = new NpgsqlDataSourceBuilder(builder.ConnectionString).BuildMultiHost();
        _reads = _multiHost.WithTargetSession(TargetSessionAttributes.PreferStandby);
        _writes = _multiHost.WithTargetSession(TargetSessionAttributes.Primary);
    }

    /// <summary>
    /// Opens a connection for an operation (writes need the primary, reads prefer a standby) and
    /// says which node served it; a read that Npgsql put on the primary counts as a fallback.
    /// </summary>
    public async ValueTask<(NpgsqlConnection Connection, RoutingDecision Served)> OpenAsync(OperationKind kind, CancellationToken cancellationToken)
    {
        var connection = await (kind == OperationKind.Write ? _writes : _reads).OpenConnectionAsync(cancellationToken);
        var node = NodeServing(connection);
        var served = kind == OperationKind.Write || node > RoutingDecision.PrimaryNode
            ? new RoutingDecision(node, node, false)
            : RoutingDecision.FallbackToPrimary(RoutingDecision.PrimaryNode);
        return (connection, served);
    }

    /// <summary>The decision index of the node a connection reached; disposes the connection and throws when it is none of them.</summary>
    private int NodeServing(NpgsqlConnection connection)
    {
        for (var i = 0; i < _nodes.Count; i++)
        {
            if (_nodes[i].Port == connection.Port && string.Equals(_nodes[i].Host, connection.Host, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        var address = $"{connection.Host}:{connection.Port}";
        connection.Dispose();
        throw new InvalidOperationException($"Npgsql connected to {address}, which is not a node of the topology");
    }

    public async ValueTask DisposeAsync()
    {
        await _reads.DisposeAsync();
        await _writes.DisposeAsync();
        await _multiHost.DisposeAsync();
    }
}
