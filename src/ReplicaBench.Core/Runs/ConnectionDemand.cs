namespace ReplicaBench.Runs;

/// <summary>
/// The connections a load run holds on each node at its peak, counted from the code that opens them,
/// so a run that cannot get them is refused before it starts (<see cref="ConnectionPreflight"/>).
/// </summary>
/// <remarks>
/// <para>
/// Virtual users: one connection per node each at most (<see cref="Routing.SessionConnections"/>),
/// opened on first use and kept. Every user may use the primary (writes, and reads a policy falls
/// back to); with a policy that reads from replicas, every user may also hold one on each replica
/// (round-robin deals a user's reads to all of them). The closed model counts its peak users
/// (<c>--vus</c>, or the largest stage target), the open model its pool (<c>--max-vus</c>); with
/// <c>--shard</c>, all shards' users together, since they share the servers.
/// </para>
/// <para>The suite's own, per node and per process (so times the shard count, an upper bound):</para>
/// <list type="bullet">
/// <item>primary and each replica: the <see cref="Measurement.ReplicaMonitor"/>'s query (one per node, <see cref="CellObservers"/>; only with replicas);</item>
/// <item>primary and each replica: the <see cref="Measurement.LagSampler"/>'s query (one per node, <see cref="CellObservers"/>; only with replicas);</item>
/// <item>primary: the visibility probe's marker writer, each replica: its poller (<see cref="CellVisibilityProbe"/>; with replicas and the probe on);</item>
/// <item>each replica: the router's recheck of a replica marked down (<see cref="Routing.ReplicaRotation"/>), from the users' pool;</item>
/// <item>primary: seeding, each replica: the wait for the seed (<see cref="MatrixSeeding"/>), left idle in Npgsql's pool for minutes;</item>
/// <item>primary and each replica: the catch-up wait before each cell (<see cref="Workload.ReplicationCatchUp"/>), a pool of its own (another connect timeout), idle likewise.</item>
/// </list>
/// </remarks>
public static class ConnectionDemand
{
    /// <summary>On the primary with replicas: monitor, lag sampler, probe writer, seeding, catch-up wait.</summary>
    public const int PrimaryWithReplicas = 5;

    /// <summary>On the primary of a topology without replicas: seeding (no monitor, sampler, probe or catch-up wait runs).</summary>
    public const int PrimaryAlone = 1;

    /// <summary>On each replica: monitor, lag sampler, probe poller, recheck, seed wait, catch-up wait.</summary>
    public const int PerReplica = 6;

    /// <summary>The peak need per node, primary first.</summary>
    /// <param name="primaryName">The primary's name.</param>
    /// <param name="replicaNames">The replicas the run uses (the largest replica count of the matrix).</param>
    /// <param name="virtualUsers">Peak virtual users of all shards together.</param>
    /// <param name="readsFromReplicas">Whether any of the run's policies sends reads to replicas.</param>
    /// <param name="shards">Processes sharing the servers (<c>--shard i/N</c>: N; else 1).</param>
    public static IReadOnlyList<NodeConnectionNeed> For(string primaryName, IReadOnlyList<string> replicaNames, int virtualUsers, bool readsFromReplicas, int shards = 1)
    {
        ArgumentNullException.ThrowIfNull(replicaNames);
        ArgumentOutOfRangeException.ThrowIfLessThan(virtualUsers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        var primary = new NodeConnectionNeed(primaryName, virtualUsers, shards * (replicaNames.Count == 0 ? PrimaryAlone : PrimaryWithReplicas));
        return [primary, .. replicaNames.Select(name => new NodeConnectionNeed(name, readsFromReplicas ? virtualUsers : 0, shards * PerReplica))];
    }
}
