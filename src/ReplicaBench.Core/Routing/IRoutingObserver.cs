using ReplicaBench.Engine;
namespace ReplicaBench.Routing;

/// <summary>
/// Sees every operation's outcome as the router counts it, with the moment it was counted: what a
/// fault report needs to place the first and last error and the first write after a failover to
/// the millisecond, which the one-second series cannot. Called on the virtual user's thread (often
/// the socket thread), so implementations must be quick, lock-free on the success path and must
/// never throw or block.
/// </summary>
public interface IRoutingObserver
{
    /// <summary>An operation succeeded on <see cref="RoutingDecision.ChosenNode"/> of <paramref name="decision"/>.</summary>
    /// <param name="kind">Read or write.</param>
    /// <param name="decision">Where it was meant to go and where it went.</param>
    /// <param name="timestamp">When it was counted, from <see cref="RouterOptions.TimeProvider"/>'s <see cref="TimeProvider.GetTimestamp"/>.</param>
    void Served(OperationKind kind, in RoutingDecision decision, long timestamp);

    /// <summary>An operation failed (cancellations included: <see cref="OperationFailureKind.Canceled"/>).</summary>
    /// <param name="failure">The classified failure.</param>
    /// <param name="timestamp">When it was counted, from <see cref="RouterOptions.TimeProvider"/>'s <see cref="TimeProvider.GetTimestamp"/>.</param>
    void Failed(in OperationFailure failure, long timestamp);
}
