using System.Text.Json.Serialization;

namespace ReplicaBench.Topology.Poolers;

/// <summary>
/// The pooler in front of a topology's nodes, as recorded in topology.json. The nodes' own
/// host/port/connection string are the pooler's; <see cref="Nodes"/> keeps each node's direct server
/// endpoint beside it (for the local provider) so a comparison run or a tool that needs a session of
/// its own can bypass the pooler.
/// </summary>
/// <param name="Name">The pooler's name: <c>pgbouncer</c> or <c>rds-proxy</c> (see <see cref="PoolerNames"/>).</param>
/// <param name="DefaultPoolSize">PgBouncer's <c>default_pool_size</c> (server connections per database and user), when the suite chose it; null for a pooler it did not configure.</param>
/// <param name="Nodes">Per node name, the pooler process and the direct server endpoint; empty when the suite did not start the poolers.</param>
public sealed record PoolerDetails(
    string Name,
    int? DefaultPoolSize,
    IReadOnlyDictionary<string, PooledNode> Nodes)
{
    [JsonIgnore]
    public PoolerKind Kind => PoolerNames.Parse(Name, "topology.json pooler");
}
