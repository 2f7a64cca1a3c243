using System.Collections.Concurrent;
using Npgsql;
using ReplicaBench.Topology.Iam;

namespace ReplicaBench.Topology;

/// <summary>
/// The one place that turns a <see cref="TopologyNode"/> into connections, so a node reached with RDS
/// IAM authentication (<see cref="TopologyNode.Iam"/>) gets a token as its password everywhere.
/// A password node is plain Npgsql (a connection string, Npgsql's global pools). An IAM node gets an
/// <see cref="NpgsqlDataSource"/> with <see cref="NpgsqlDataSourceBuilder.UsePeriodicPasswordProvider"/>:
/// every new physical connection uses the current token, made fresh every <see cref="TokenRefresh"/>
/// (tokens are accepted for 15 minutes after signing), retried after <see cref="TokenRetry"/> when
/// making one fails. RDS checks the token at login only, so open sessions outlive it.
/// </summary>
public static class NodeConnections
{
    /// <value>10 minutes: a token is at most this old when used, 5 minutes inside its 15-minute life.</value>
    public static readonly TimeSpan TokenRefresh = TimeSpan.FromMinutes(10);

    /// <value>5 seconds: a failed refresh (credentials briefly unreachable) is tried again soon.</value>
    public static readonly TimeSpan TokenRetry = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Shared data sources for IAM nodes' one-off connections, one per connection string and token
    /// source: like Npgsql's global pools, they live as long as the process.
    /// </summary>
    private static readonly ConcurrentDictionary<(string ConnectionString, NodeIam Iam), NpgsqlDataSource> Shared = new();

    /// <summary>
    /// A new, unopened connection to <paramref name="node"/>; the caller disposes it. <paramref name="adjust"/>
    /// changes the node's connection string (timeout, pooling, options) for this use.
    /// </summary>
    public static NpgsqlConnection Create(TopologyNode node, Action<NpgsqlConnectionStringBuilder>? adjust = null)
    {
        var connectionString = Adjusted(node, adjust);
        return node.Iam is { } iam
            ? Shared.GetOrAdd((connectionString, iam), key => Build(key.ConnectionString, key.Iam)).CreateConnection()
            : new NpgsqlConnection(connectionString);
    }

    /// <summary>An opened connection to <paramref name="node"/>; disposed again if opening fails.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(TopologyNode node, CancellationToken cancellationToken, Action<NpgsqlConnectionStringBuilder>? adjust = null)
    {
        var connection = Create(node, adjust);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A data source of the caller's own (its pool, its lifetime) for <paramref name="node"/>; the caller disposes it.</summary>
    public static NpgsqlDataSource CreateDataSource(TopologyNode node, Action<NpgsqlConnectionStringBuilder>? adjust = null)
    {
        var connectionString = Adjusted(node, adjust);
        return node.Iam is { } iam ? Build(connectionString, iam) : NpgsqlDataSource.Create(connectionString);
    }

    private static string Adjusted(TopologyNode node, Action<NpgsqlConnectionStringBuilder>? adjust)
    {
        if (adjust is null)
        {
            return node.ConnectionString;
        }

        var builder = new NpgsqlConnectionStringBuilder(node.ConnectionString);
        adjust(builder);
        return builder.ConnectionString;
    }

    private static NpgsqlDataSource Build(string connectionString, NodeIam iam)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UsePeriodicPasswordProvider(
            (settings, _) => ValueTask.FromResult(iam.Tokens.TokenFor(settings.Host!, settings.Port, settings.Username!, iam.Region)),
            TokenRefresh,
            TokenRetry);
        return builder.Build();
    }
}
