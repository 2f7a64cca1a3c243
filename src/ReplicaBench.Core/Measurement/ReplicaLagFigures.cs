namespace ReplicaBench.Measurement;

/// <summary>
/// What the servers say about one replica's lag at one moment: the primary's
/// <c>pg_stat_replication</c> row for it (matched by <c>application_name</c>) and the replica's own view.
/// Every figure is null when it could not be read or the server reports NULL — never 0 in its place.
/// </summary>
/// <param name="Name">Replica name, as in topology.json and <c>application_name</c>.</param>
/// <param name="State"><c>pg_stat_replication.state</c> (e.g. <c>streaming</c>); null when the primary lists no such standby or could not be read.</param>
/// <param name="WriteLag"><c>write_lag</c>: from the primary flushing WAL to the standby having written it. NULL (null) once the primary has been idle briefly.</param>
/// <param name="FlushLag"><c>flush_lag</c>: ... to the standby having flushed it. Null when idle.</param>
/// <param name="ReplayLag"><c>replay_lag</c>: ... to the standby having replayed it, plus the time since the standby's last reply beyond its status interval (see <see cref="LagSampler"/>). Null when idle.</param>
/// <param name="ReplayLagBytes">On the primary: <c>pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)</c>.</param>
/// <param name="ReceiveReplayGapBytes">On the replica: <c>pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())</c>, WAL received but not yet applied.</param>
/// <param name="LastReplayAge">On the replica: <c>now() - pg_last_xact_replay_timestamp()</c>, the RDS <c>ReplicaLag</c>
/// formula. It is the age of the last replayed commit, not staleness: it grows on an idle primary
/// although the replica is current, includes any clock difference between the hosts, and is null
/// until the replica has replayed a commit.</param>
/// <param name="Error">Why the replica could not be read (no secrets), else null.</param>
public sealed record ReplicaLagFigures(
    string Name,
    string? State,
    TimeSpan? WriteLag,
    TimeSpan? FlushLag,
    TimeSpan? ReplayLag,
    long? ReplayLagBytes,
    long? ReceiveReplayGapBytes,
    TimeSpan? LastReplayAge,
    string? Error);
