using ReplicaBench.Routing;
using ReplicaBench.Runs.Faults;
using ReplicaBench.Topology;

namespace ReplicaBench.Runs;

/// <summary>
/// How a failover reaches a running cell: the router moves the primary role the moment the promoted
/// replica takes writes; once the other replicas follow, the samplers move too (the promoted
/// replica keeps its slot on the board, retired; lag is sampled on the followers only) and
/// replicas left out are retired.
/// </summary>
internal static class FailoverHooks
{
    internal static FaultRunnerHooks For(TopologyDescriptor topology, Router router, CellObservers sampling, IMatrixProgress progress) => new(
        newPrimary =>
        {
            router.PromoteToPrimary(newPrimary.Name);
            return Task.CompletedTask;
        },
        async failover =>
        {
            foreach (var replica in failover.LeftOut)
            {
                router.RetireReplica(replica);
            }

            var moved = topology.Nodes[0] with { Host = failover.NewPrimary.Host, Port = failover.NewPrimary.Port, ConnectionString = failover.NewPrimary.ConnectionString };
            await sampling.RepointAsync(topology with { Nodes = [moved, .. topology.Nodes.Skip(1)] }, failover.Topology);
        },
        progress.Step);
}
