namespace ReplicaBench.Load.Matrix;

/// <summary>
/// One server-reported lag sample of one replica during a cell, <see cref="T"/> seconds into the
/// measured window (negative during warm-up; those are not kept). Null figures were not reported
/// (e.g. <c>replay_lag</c> is null on an idle primary).
/// </summary>
public sealed record LagPoint(double T, string Replica, double? ReplayLagMs, long? ByteLag, double? ReplayAgeMs);
