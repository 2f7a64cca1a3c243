using ReplicaBench.Engine;

namespace ReplicaBench.Workload;

/// <summary>
/// The next operation of a session and the key it touches, chosen before it runs so that the router
/// can pick a node from <see cref="Kind"/> first.
/// </summary>
/// <param name="Operation">What to do.</param>
/// <param name="Key">The row (point read, insert, update) or the first key of a range read.</param>
public readonly record struct PlannedOperation(WorkloadOperation Operation, long Key)
{
    /// <summary>Read or write: where the operation may run.</summary>
    public OperationKind Kind => Operation.Kind();
}
