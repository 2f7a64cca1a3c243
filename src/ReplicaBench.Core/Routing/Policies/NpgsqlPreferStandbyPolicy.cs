using ReplicaBench.Engine;
namespace ReplicaBench.Routing.Policies;

/// <summary>
/// <c>npgsql-prefer-standby</c>: the library baseline, routing left to Npgsql itself. The router
/// opens reads from an <c>NpgsqlMultiHostDataSource</c> over every node with
/// <c>Load Balance Hosts=true</c> through <c>WithTargetSession(TargetSessionAttributes.PreferStandby)</c>
/// (a standby if Npgsql knows one to be up, else the primary), and writes through
/// <c>TargetSessionAttributes.Primary</c>. Npgsql learns each host's role from the server on connect
/// and re-learns it after <c>Host Recheck Seconds</c> (default 10 s); it knows nothing of lag.
/// </summary>
/// <remarks>
/// Because Npgsql chooses, a read's decision is <see cref="RoutingDecision.DelegatedToNpgsql"/>;
/// the serving node is found from the opened connection's host and port, and a read Npgsql sent to
/// the primary counts as a fallback. Its cost is Npgsql's, not part of the decision-cost figures.
/// </remarks>
public sealed class NpgsqlPreferStandbyPolicy : IRoutingPolicy
{
    public RoutingPolicySpec Spec => RoutingPolicySpec.NpgsqlPreferStandby;

    public RoutingDecision Decide(OperationKind kind, RoutingSession session, NodeStateBoard board) =>
        kind == OperationKind.Write ? RoutingDecision.Primary : RoutingDecision.DelegatedToNpgsql;
}
