namespace ReplicaBench.Routing;

/// <summary>
/// One failed operation, classified: what went wrong, on which node, and a one-line message that a
/// user can act on. Messages never contain connection strings or passwords.
/// </summary>
/// <param name="Kind">The class of failure.</param>
/// <param name="NodeIndex">The node the operation ran on (0 primary, 1..N replicas), or -1 when unknown (Npgsql's multi-host data source failed to pick one).</param>
/// <param name="NodeName">The node's name from topology.json, or a description when unknown.</param>
/// <param name="SqlState">The PostgreSQL error code when the server sent one.</param>
/// <param name="Message">One line naming the node, the failure and, where there is one, the fix.</param>
public readonly record struct OperationFailure(
    OperationFailureKind Kind,
    int NodeIndex,
    string NodeName,
    string? SqlState,
    string Message)
{
    /// <summary>The node is unreachable or its connection broke: a replica is taken out of rotation.</summary>
    public bool IsConnectionFailure => Kind is OperationFailureKind.ConnectionRefused or OperationFailureKind.ConnectionLost;

    public override string ToString() => Message;
}
