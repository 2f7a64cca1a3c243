using ReplicaBench.Engine;
namespace ReplicaBench.Routing.Policies;

/// <summary>
/// <c>primary-only</c>: every read and write runs on the primary, as an application without read
/// replicas would. The baseline every other policy is compared with: no staleness (reads see every
/// committed transaction, as on any single PostgreSQL server) and no read scaling.
/// </summary>
public sealed class PrimaryOnlyPolicy : IRoutingPolicy
{
    public RoutingPolicySpec Spec => RoutingPolicySpec.PrimaryOnly;

    public RoutingDecision Decide(OperationKind kind, RoutingSession session, NodeStateBoard board) =>
        RoutingDecision.Primary;
}
