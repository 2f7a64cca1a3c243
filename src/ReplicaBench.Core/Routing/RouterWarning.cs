using ReplicaBench.Topology;

namespace ReplicaBench.Routing;

/// <summary>The one-line warning a router gives when reads cannot reach replicas as its policy intends.</summary>
internal static class RouterWarning
{
    public static string? For(RoutingPolicySpec policy, IReadOnlyList<TopologyNode> nodes, NodeStateBoard board)
    {
        if (!policy.ReadsFromReplicas)
        {
            return null;
        }

        var replicas = board.ReplicaCount;
        if (replicas == 0)
        {
            return $"policy {policy} on a topology with no replicas: all reads go to the primary";
        }

        if (policy.Kind == RoutingPolicyKind.NpgsqlPreferStandby)
        {
            return null;
        }

        var down = Enumerable.Range(0, replicas).Where(r => !board.IsHealthy(r)).Select(r => nodes[r + 1].Name).ToList();
        if (down.Count == replicas)
        {
            return $"policy {policy}: every replica is down ({string.Join(", ", down)}): reads go to the primary until a recheck brings one back";
        }

        if (policy.NeedsLagSamples && Enumerable.Range(0, replicas).All(r => board.LagMicroseconds(r) < 0))
        {
            return $"policy {policy}: no replica lag has been sampled (is a replica monitor feeding Router.Board?): reads go to the primary";
        }

        if (policy.Kind == RoutingPolicyKind.ReadYourWrites && Enumerable.Range(0, replicas).All(r => board.ReplayLsn(r) == 0))
        {
            return $"policy {policy}: no replica replay LSN has been sampled (is a replica monitor feeding Router.Board?): reads after a session's write go to the primary";
        }

        return null;
    }
}
