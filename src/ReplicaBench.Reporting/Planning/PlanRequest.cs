namespace ReplicaBench.Reporting.Planning;

/// <summary>
/// What the application needs: reads and writes per second, a p99 latency bound, the oldest data a
/// read may return, and the headroom to keep free on every node (e.g. 0.2 = plan for 80% of measured capacity).
/// </summary>
public sealed record PlanRequest(double TargetReads, double TargetWrites, double P99Ms, double MaxStalenessMs, double Headroom);
