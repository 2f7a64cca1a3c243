using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>The transaction pooler the run's connections went through, from the topology itself.</summary>
[Description("The connection pooler between the load and the servers; null when the load connected to the servers directly.")]
public sealed record PoolerInfo
{
    [Description("The pooler: pgbouncer or rds-proxy (transaction mode: no server-side prepared statements, no session settings).")]
    public string Name { get; init; } = "";

    [Description("PgBouncer's default_pool_size (server connections per database and user per node) when the suite started the poolers; null otherwise.")]
    public int? DefaultPoolSize { get; init; }
}
