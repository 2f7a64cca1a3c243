namespace ReplicaBench.Reporting.Results;

/// <summary>The server's own view of one replica's lag at second <see cref="T"/> (pg_stat_replication and the replica's replay timestamp).</summary>
public sealed record LagSample(double T, string Replica, double? ReplayLagMs, long? ByteLag, double? ReplayAgeMs);
