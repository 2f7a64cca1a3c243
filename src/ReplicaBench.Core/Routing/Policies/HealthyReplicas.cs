namespace ReplicaBench.Routing.Policies;

/// <summary>Accepts every replica that is not marked down.</summary>
internal readonly struct HealthyReplicas : IReplicaFilter
{
    public bool Accepts(NodeStateBoard board, int replica) => board.IsHealthy(replica);
}
