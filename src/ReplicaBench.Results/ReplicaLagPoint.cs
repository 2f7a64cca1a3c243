using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>The server's own view of one replica's lag at <see cref="T"/> (pg_stat_replication and the replica's replay timestamp).</summary>
public sealed record ReplicaLagPoint(
    [property: Description("When it was sampled, seconds since the cell's measured start.")] double T,
    [property: Description("Replica name.")] string Replica,
    [property: Description("pg_stat_replication.replay_lag, plus the time since the standby's last reply beyond its wal_receiver_status_interval (a standby too starved or frozen to reply falls further behind than its last replay_lag), ms; null when the server did not report it (e.g. an idle primary).")] double? ReplayLagMs,
    [property: Description("Bytes between the primary's current WAL LSN and the replica's replay LSN; null when not reported.")] long? ByteLag,
    [property: Description("now() - pg_last_xact_replay_timestamp() on the replica (RDS ReplicaLag), ms; null when not reported.")] double? ReplayAgeMs);
