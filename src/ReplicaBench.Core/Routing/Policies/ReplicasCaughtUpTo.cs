namespace ReplicaBench.Routing.Policies;

/// <summary>Accepts healthy replicas whose sampled replay LSN has reached <paramref name="lsn"/>.</summary>
internal readonly struct ReplicasCaughtUpTo(ulong lsn) : IReplicaFilter
{
    public bool Accepts(NodeStateBoard board, int replica) =>
        board.IsHealthy(replica) && board.ReplayLsn(replica) >= lsn;
}
