using ReplicaBench.Engine;
using ReplicaBench.Routing;

namespace ReplicaBench.Workload.VirtualUsers;

/// <summary>
/// How a routed virtual user (the built-in <see cref="WorkloadVirtualUser"/> and the scripts')
/// reports a failure: its error kind as results name it, the node it is counted at, and the
/// routing the session had decided. Only the failure paths use it: a success costs nothing here.
/// </summary>
internal static class RoutedOutcomes
{
    private static readonly string[] ErrorKinds = [.. Enum.GetValues<OperationFailureKind>().Select(WorkloadVirtualUser.ErrorKindName)];

    /// <summary>The error-kind name results count <paramref name="kind"/> under, without building a string.</summary>
    public static string ErrorKind(OperationFailureKind kind) => ErrorKinds[(int)kind];

    /// <summary>The scenario's id of a router node index; <see cref="NodeId.None"/> for none (-1: not known).</summary>
    public static NodeId NodeAt(NodeId[] nodeIds, int nodeIndex) => nodeIndex >= 0 ? nodeIds[nodeIndex] : NodeId.None;

    /// <summary>An operation whose connection could not be had: counted at the node that failed, with the routing the session last decided.</summary>
    public static LoadOutcome ConnectionFailed(OperationId operation, NodeId[] nodeIds, OperationFailedException failure, RoutingDecision decision) =>
        LoadOutcome.Failure(operation, NodeAt(nodeIds, failure.Failure.NodeIndex), ErrorKind(failure.Failure.Kind))
            .WithRouting(NodeAt(nodeIds, decision.IntendedNode), decision.IsFallback);
}
