using Npgsql;
using ReplicaBench.Engine;

namespace ReplicaBench.Routing;

/// <summary>
/// A connection handed to one operation by <see cref="SessionConnections.AcquireAsync"/>: the
/// connection, the routing decision (with the node that serves it), and the operation's kind. Give
/// it back with <see cref="SessionConnections.Complete"/> or <see cref="SessionConnections.Fail"/>;
/// never dispose the connection yourself.
/// </summary>
public readonly struct RoutedLease
{
    internal RoutedLease(NpgsqlConnection connection, RoutingDecision decision, OperationKind kind, bool isPerOperation)
    {
        (Connection, Decision, Kind, IsPerOperation) = (connection, decision, kind, isPerOperation);
    }

    public NpgsqlConnection Connection { get; }

    /// <summary>Where the operation was meant to go and where it goes (resolved from the connection under npgsql-prefer-standby).</summary>
    public RoutingDecision Decision { get; }

    public OperationKind Kind { get; }

    /// <summary>The serving node: 0 is the primary, 1..N the replicas in topology order.</summary>
    public int NodeIndex => Decision.ChosenNode;

    /// <summary>
    /// False: the virtual user's long-lived connection to this node, so commands prepared on it can
    /// be reused. True under npgsql-prefer-standby: a pooled connection opened for this operation
    /// (Npgsql picks the host on every open) and returned to the pool when the lease is given back.
    /// </summary>
    public bool IsPerOperation { get; }
}
