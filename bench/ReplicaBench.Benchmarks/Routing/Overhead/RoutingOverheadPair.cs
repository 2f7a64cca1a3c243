namespace ReplicaBench.Benchmarks.Routing.Overhead;

/// <summary>
/// A path to measure and the plain path it is compared with. A policy's baseline reads the same
/// servers with the same connection pattern and no router (e.g. round-robin against plain data
/// sources on the replicas taken in the same shared rotation), so the difference is the router's
/// own cost and not what reading other servers, or switching between them, costs.
/// </summary>
public sealed record RoutingOverheadPair(IPointReadPath Path, IPointReadPath Baseline);
