using ReplicaBench.Engine;
namespace ReplicaBench.Routing.Policies;

/// <summary>
/// <c>round-robin</c>: reads rotate over the healthy hot standbys read by read, writes go to the primary:
/// what an application's own replica router does when it picks a replica per query (each session
/// keeping a connection to every node). Balancing per connection instead is
/// <see cref="SessionRoundRobinPolicy"/>, which costs the replicas less CPU per read. It ignores
/// replay lag entirely: with asynchronous streaming replication a read may not see a transaction
/// the primary has already acknowledged, even one committed by the same session a moment before.
/// This is the policy whose stale reads the per-read checks are meant to catch.
/// </summary>
/// <remarks>
/// A replica marked down (its connection failed) loses its turns to the healthy ones, evenly
/// (see <see cref="ReplicaSpread"/>); those reads count as fallbacks to another replica. With no
/// healthy replica, or none at all, reads go to the primary as fallbacks.
/// </remarks>
public sealed class RoundRobinPolicy : IRoutingPolicy
{
    private long _tickets;

    public RoutingPolicySpec Spec => RoutingPolicySpec.RoundRobin;

    public RoutingDecision Decide(OperationKind kind, RoutingSession session, NodeStateBoard board) =>
        kind == OperationKind.Write
            ? RoutingDecision.Primary
            : ReplicaSpread.Choose(ref _tickets, board, default(HealthyReplicas));
}
