using ReplicaBench.Engine;
namespace ReplicaBench.Topology;

/// <summary>
/// One node as seen by <c>topology status</c>. Replication figures come from the primary's
/// <c>pg_stat_replication</c> row whose <c>application_name</c> is the replica's name.
/// </summary>
/// <param name="Name">Node name.</param>
/// <param name="Role">Role according to topology.json.</param>
/// <param name="Reachable">Whether a connection and a query succeeded.</param>
/// <param name="Error">Why it was not reachable (no secrets).</param>
/// <param name="InRecovery"><c>pg_is_in_recovery()</c> as the node reports it.</param>
/// <param name="ReplicationState"><c>pg_stat_replication.state</c> (e.g. streaming), null for the primary or when absent.</param>
/// <param name="ReplayLagBytes"><c>pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)</c> on the primary.</param>
/// <param name="WriteLag"><c>write_lag</c>; null when the primary has been idle.</param>
/// <param name="FlushLag"><c>flush_lag</c>; null when the primary has been idle.</param>
/// <param name="ReplayLag"><c>replay_lag</c>; null when the primary has been idle.</param>
public sealed record NodeStatus(
    string Name,
    NodeRole Role,
    bool Reachable,
    string? Error,
    bool? InRecovery,
    string? ReplicationState,
    long? ReplayLagBytes,
    TimeSpan? WriteLag,
    TimeSpan? FlushLag,
    TimeSpan? ReplayLag);
