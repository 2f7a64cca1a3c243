namespace ReplicaBench.Load;

/// <summary>
/// What the load engine records for one operation, as a virtual user reports it: which operation
/// type, which node served it, success or the kind of error, and optionally what its staleness
/// check saw. A small struct returned through <see cref="ValueTask{TResult}"/>, so reporting
/// allocates nothing. (A workload's own result, such as rows read and the commit LSN, is the
/// virtual user's business; it reduces that to this.)
/// </summary>
/// <remarks>
/// Error kinds are short stable labels (<c>timeout</c>, <c>connection-lost</c>, a SQLSTATE such as
/// <c>25006</c>); pass string constants or strings you already hold so the hot path stays
/// allocation-free. The first 63 distinct kinds of a run are kept apart, later ones count as <c>other</c>.
/// </remarks>
public readonly record struct LoadOutcome
{
    private LoadOutcome(OperationId operation, NodeId node, string? errorKind, StalenessObservation staleness)
    {
        Operation = operation;
        Node = node;
        ErrorKind = errorKind;
        Staleness = staleness;
    }

    public OperationId Operation { get; }

    public NodeId Node { get; }

    /// <summary>Null when the operation succeeded.</summary>
    public string? ErrorKind { get; }

    public StalenessObservation Staleness { get; }

    public bool Succeeded => ErrorKind is null;

    public static LoadOutcome Success(OperationId operation, NodeId node = default, StalenessObservation staleness = default) =>
        new(operation, node, null, staleness);

    public static LoadOutcome Failure(OperationId operation, NodeId node, string errorKind)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorKind);
        return new(operation, node, errorKind, default);
    }

    public LoadOutcome WithStaleness(StalenessObservation staleness) => new(Operation, Node, ErrorKind, staleness);
}
