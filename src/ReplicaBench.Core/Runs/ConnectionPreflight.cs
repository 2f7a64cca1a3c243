using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Measurement;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;
using ReplicaBench.Topology.Poolers;

namespace ReplicaBench.Runs;

/// <summary>
/// Before a load run starts (and in <c>load --check</c>): refuses, as bad input, a run whose
/// connections (<see cref="ConnectionDemand"/>) do not fit what each node accepts. With
/// <c>--state-dir</c> each server is asked (<c>max_connections</c> less its reserved slots and the
/// connections already open); behind the PgBouncer the suite started, the pooler's
/// <c>max_client_conn</c> is the limit; a topology the run provisions itself has the provider's
/// known settings. A limit that cannot be read (RDS Proxy, a node that does not answer) is not
/// checked: the run's own connection errors report that node.
/// </summary>
public static class ConnectionPreflight
{
    /// <summary>PostgreSQL's default <c>superuser_reserved_connections</c>, which the providers leave as it is.</summary>
    public const int DefaultSuperuserReserved = 3;

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private const string RoomSql =
        "SELECT current_setting('max_connections')::int, "
        + "current_setting('superuser_reserved_connections')::int + coalesce(current_setting('reserved_connections', true), '0')::int, "
        + "(SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid())";

    /// <summary>Throws <see cref="BadInputException"/> when the run's connections do not fit.</summary>
    public static async Task CheckAsync(LoadMatrixSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var virtualUsers = PeakVirtualUsers(settings.Load);
        var readsFromReplicas = settings.Policies.Any(p => p.ReadsFromReplicas);
        var shards = settings.Shard?.Count ?? 1;
        IReadOnlyList<NodeConnectionNeed> needs;
        IReadOnlyList<NodeConnectionRoom> rooms;
        var pooled = false;
        if (settings.StateDirectory is { } state)
        {
            var topology = state.Read();
            if (settings.Replicas is { Count: > 0 } counts && counts.Max() <= topology.Replicas.Count)
            {
                topology = topology.WithFirstReplicas(counts.Max());
            }

            needs = ConnectionDemand.For(topology.Primary.Name, [.. topology.Replicas.Select(r => r.Name)], virtualUsers, readsFromReplicas, shards);
            pooled = topology.Pooler is not null;
            rooms = await RoomsAsync(topology, cancellationToken);
            if (shards > 1)
            {
                // A shard checks the whole run's demand, and the connections open now may be the other
                // shards' own (they start together): counted as in use too, they would be counted twice
                // and refuse a run that fits.
                rooms = [.. rooms.Select(r => r with { InUse = 0 })];
            }
        }
        else
        {
            var replicas = settings.Replicas is { Count: > 0 } counts ? counts.Max() : 0;
            var names = Enumerable.Range(1, replicas).Select(TopologyRequest.ReplicaName).ToList();
            needs = ConnectionDemand.For("primary", names, virtualUsers, readsFromReplicas, shards);
            rooms = [.. needs.Select(n => new NodeConnectionRoom(n.Node, "max_connections", TopologyRequest.DefaultMaxConnections, DefaultSuperuserReserved, 0))];
        }

        if (ConnectionBudget.Refusal(needs, rooms, virtualUsers, provisioned: settings.StateDirectory is null, pooled) is { } refusal)
        {
            throw new BadInputException(refusal);
        }
    }

    /// <summary>The most virtual users of all shards at once: the closed model's peak, the open model's pool.</summary>
    public static int PeakVirtualUsers(LoadShape load) => load switch
    {
        ClosedLoad closed => closed.WholeVirtualUsers,
        OpenLoad open => open.WholeVirtualUsers,
        _ => load.VirtualUsers,
    };

    private static async Task<IReadOnlyList<NodeConnectionRoom>> RoomsAsync(TopologyDescriptor topology, CancellationToken cancellationToken)
    {
        if (topology.Pooler is { } pooler)
        {
            // Only the PgBouncer the suite started has a limit the suite knows; another pooler's is its own.
            return pooler.Kind == PoolerKind.PgBouncer && pooler.Nodes.Count > 0
                ? [.. topology.Nodes.Select(n => new NodeConnectionRoom(n.Name, "pgbouncer max_client_conn", PgBouncerConfig.MaxClientConnections, 0, 0))]
                : [];
        }

        var rooms = await Task.WhenAll(topology.Nodes.Select(n => RoomAsync(n, cancellationToken)));
        return [.. rooms.OfType<NodeConnectionRoom>()];
    }

    private static async Task<NodeConnectionRoom?> RoomAsync(TopologyNode node, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(AskTimeout);
        try
        {
            await using var connection = await NodeConnections.OpenAsync(node, limit.Token, builder =>
            {
                // Its own short-lived session, not one left idle in a pool the run then counts against itself.
                builder.Pooling = false;
                PreparedQuery.ConnectTimeout(AskTimeout)(builder);
            });
            await using var command = new NpgsqlCommand(RoomSql, connection);
            await using var reader = await command.ExecuteReaderAsync(limit.Token);
            await reader.ReadAsync(limit.Token);
            return new NodeConnectionRoom(node.Name, "max_connections", reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.TooManyConnections)
        {
            throw new BadInputException(
                $"{node.Name} accepts no more connections ({ex.MessageText}); close the sessions that hold them, or bring the topology up again with 'replicabench topology up --max-connections N' or '--pooler pgbouncer'.");
        }
        catch (Exception ex) when (PreparedQuery.IsNodeFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            // Not answering is the run's to report, with its own connection errors; only a limit read is checked.
            return null;
        }
    }
}
