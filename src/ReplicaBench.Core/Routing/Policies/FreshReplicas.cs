namespace ReplicaBench.Routing.Policies;

/// <summary>Accepts healthy replicas whose staleness is known to be below the bound: its upper bound, aged, is.</summary>
internal readonly struct FreshReplicas(SampledStaleness staleness, long boundMicroseconds) : IReplicaFilter
{
    public bool Accepts(NodeStateBoard board, int replica)
    {
        if (!board.IsHealthy(replica))
        {
            return false;
        }

        var microseconds = staleness.UpperBoundMicroseconds(board, replica);
        return microseconds >= 0 && microseconds < boundMicroseconds;
    }
}
