namespace ReplicaBench.Runs;

/// <summary>
/// One server-reported lag sample of one replica during a cell, taken <see cref="T"/> seconds after
/// the measured window began (the origin of the cell's time series; see <see cref="LagTimeline"/>);
/// a cell keeps only the samples inside its measured window. Null figures were not reported
/// (e.g. <c>replay_lag</c> is null on an idle primary).
/// </summary>
public sealed record LagPoint(double T, string Replica, double? ReplayLagMs, long? ByteLag, double? ReplayAgeMs);
