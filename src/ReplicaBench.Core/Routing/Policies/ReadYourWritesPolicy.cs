using ReplicaBench.Engine;
namespace ReplicaBench.Routing.Policies;

/// <summary>
/// <c>read-your-writes</c>: session consistency by WAL position. After a session's write commits,
/// the session remembers an LSN at or after its commit record (<see cref="RoutingSession.LastWriteLsn"/>).
/// Its reads may then run on a hot standby only once that standby's <c>pg_last_wal_replay_lsn()</c>
/// (sampled onto the <see cref="NodeStateBoard"/>) has reached that LSN, meaning the write is
/// applied and visible there; otherwise they run on the primary. Before its first write a session
/// reads from any healthy replica. Other sessions' writes are not waited for: this is
/// read-your-writes, not linearizability.
/// </summary>
/// <remarks>
/// <para>
/// A replica that is not caught up means the read falls back to the primary; it does not wait for
/// the replica. Waiting would turn staleness into latency (up to the replica's apply delay, which
/// can be seconds under <c>recovery_min_apply_delay</c> or a replay conflict) and hold a virtual user
/// idle, so throughput would drop for reasons the benchmark would then misattribute. The fallback
/// keeps the guarantee at bounded latency, and the counters show how often the primary had to take
/// the read: the real cost of the guarantee.
/// </para>
/// <para>
/// The sampled replay LSN only ever trails the replica's true position, so an old sample can send
/// a read to the primary needlessly but never to a replica that lacks the write. Eligible replicas
/// share reads in rotation (see <see cref="ReplicaSpread"/>).
/// </para>
/// </remarks>
public sealed class ReadYourWritesPolicy : IRoutingPolicy
{
    private long _tickets;

    public RoutingPolicySpec Spec => RoutingPolicySpec.ReadYourWrites;

    public RoutingDecision Decide(OperationKind kind, RoutingSession session, NodeStateBoard board)
    {
        if (kind == OperationKind.Write)
        {
            return RoutingDecision.Primary;
        }

        var lastWrite = session.LastWriteLsn;
        return lastWrite == 0
            ? ReplicaSpread.Choose(ref _tickets, board, default(HealthyReplicas))
            : ReplicaSpread.Choose(ref _tickets, board, new ReplicasCaughtUpTo(lastWrite));
    }
}
