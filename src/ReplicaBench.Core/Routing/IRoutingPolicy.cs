using ReplicaBench.Engine;
namespace ReplicaBench.Routing;

/// <summary>
/// Decides where one operation runs. Called on every operation, so implementations allocate
/// nothing, perform no I/O and take no lock: they read the <see cref="NodeStateBoard"/> (kept fresh
/// by samplers and connection failures) and, at most, bump one interlocked counter.
/// </summary>
/// <remarks>Every policy sends every write to the primary: a hot standby refuses writes (SqlState 25006).</remarks>
public interface IRoutingPolicy
{
    /// <summary>The parsed spec this policy was made from.</summary>
    RoutingPolicySpec Spec { get; }

    /// <summary>Chooses the node for one operation of <paramref name="session"/>. Thread-safe.</summary>
    RoutingDecision Decide(OperationKind kind, RoutingSession session, NodeStateBoard board);
}
