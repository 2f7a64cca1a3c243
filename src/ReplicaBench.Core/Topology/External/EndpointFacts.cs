namespace ReplicaBench.Topology.External;

/// <summary>What one endpoint says about itself when <c>up</c> connects to it.</summary>
/// <param name="InRecovery"><c>pg_is_in_recovery()</c>: true on a standby (read replica), false on a writable primary.</param>
/// <param name="ServerVersion"><c>server_version</c>.</param>
/// <param name="ApplyDelayMs"><c>recovery_min_apply_delay</c> in milliseconds (0 unless deliberately delayed).</param>
/// <param name="SystemIdentifier"><c>pg_control_system().system_identifier</c>, equal on a primary and its physical replicas; null when the role may not read it.</param>
/// <param name="Tls">Whether this session is encrypted (<c>pg_stat_ssl</c>).</param>
/// <param name="CanReadReplicationStats">Whether the role has pg_read_all_stats (e.g. via pg_monitor), without which pg_stat_replication hides state and lag.</param>
internal sealed record EndpointFacts(
    bool InRecovery,
    string ServerVersion,
    double ApplyDelayMs,
    long? SystemIdentifier,
    bool Tls,
    bool CanReadReplicationStats);
