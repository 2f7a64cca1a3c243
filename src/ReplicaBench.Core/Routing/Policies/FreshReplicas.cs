namespace ReplicaBench.Routing.Policies;

/// <summary>Accepts healthy replicas whose effective staleness is known and below the bound.</summary>
internal readonly struct FreshReplicas(SampledStaleness staleness, long boundMicroseconds) : IReplicaFilter
{
    public bool Accepts(NodeStateBoard board, int replica)
    {
        if (!board.IsHealthy(replica))
        {
            return false;
        }

        var microseconds = staleness.Microseconds(board, replica);
        return microseconds >= 0 && microseconds < boundMicroseconds;
    }
}
