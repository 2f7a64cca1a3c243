namespace ReplicaBench.Topology.Faults;

/// <summary>What a failover did: which server is primary now, which replicas follow it, which were left out.</summary>
/// <param name="OldPrimary">The fenced (stopped) primary; it is no longer part of the topology.</param>
/// <param name="NewPrimary">The promoted replica, now the primary (same name, same server).</param>
/// <param name="Followers">Replicas re-pointed at the new primary and streaming from it.</param>
/// <param name="LeftOut">Replicas that could not follow (not running, or not streaming in time): stopped and removed from the topology.</param>
/// <param name="Topology">The topology after the failover, as written to topology.json.</param>
public sealed record FailoverResult(
    TopologyNode OldPrimary,
    TopologyNode NewPrimary,
    IReadOnlyList<string> Followers,
    IReadOnlyList<string> LeftOut,
    TopologyDescriptor Topology);
