namespace ReplicaBench.Topology.Poolers;

/// <summary>
/// The connection pooler in front of a topology's servers. Every kind but <see cref="None"/> pools in
/// transaction mode: a client's consecutive transactions may run on different server connections, so
/// the suite keeps no session state there (see <see cref="SessionPolicy"/>).
/// </summary>
public enum PoolerKind
{
    /// <summary>Clients reach the servers directly.</summary>
    None,

    /// <summary>PgBouncer in <c>pool_mode = transaction</c> (local: one per node, started by <c>topology up --pooler pgbouncer</c>).</summary>
    PgBouncer,

    /// <summary>Amazon RDS Proxy (external topologies: the writer and reader endpoints are the proxy's).</summary>
    RdsProxy,
}
