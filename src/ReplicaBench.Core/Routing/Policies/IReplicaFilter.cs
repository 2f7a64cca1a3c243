namespace ReplicaBench.Routing.Policies;

/// <summary>
/// Which replicas a spreading policy may use right now. Implemented by small structs so that the
/// JIT specialises <see cref="ReplicaSpread.Choose{TFilter}"/> per filter: no delegate, no allocation.
/// </summary>
internal interface IReplicaFilter
{
    bool Accepts(NodeStateBoard board, int replica);
}
