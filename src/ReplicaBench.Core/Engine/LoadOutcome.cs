namespace ReplicaBench.Engine;

/// <summary>
/// What the load engine records for one operation, as a virtual user reports it: which operation
/// type, which node served it, success or the kind of error, optionally what its staleness check
/// saw, and for a routed operation where it was meant to go. A small struct returned through
/// <see cref="ValueTask{TResult}"/>, so reporting allocates nothing. (A workload's own result,
/// such as rows read and the commit LSN, is the virtual user's business; it reduces that to this.)
/// </summary>
/// <remarks>
/// Error kinds are short stable labels (<c>timeout</c>, <c>connection-lost</c>, a SQLSTATE such as
/// <c>25006</c>); pass string constants or strings you already hold so the hot path stays
/// allocation-free. The first 63 distinct kinds of a run are kept apart, later ones count as <c>other</c>.
/// </remarks>
public readonly record struct LoadOutcome
{
    private LoadOutcome(OperationId operation, NodeId node, string? errorKind, StalenessObservation staleness, NodeId intended, bool isFallback)
    {
        (Operation, Node, ErrorKind, Staleness) = (operation, node, errorKind, staleness);
        (Intended, IsFallback) = (intended, isFallback);
    }

    public OperationId Operation { get; }

    public NodeId Node { get; }

    /// <summary>Null when the operation succeeded.</summary>
    public string? ErrorKind { get; }

    public StalenessObservation Staleness { get; }

    /// <summary>
    /// The node a router meant the operation for (its policy's first choice), whatever served it;
    /// <see cref="NodeId.None"/> when the virtual user did not say (it does not route, or the
    /// router did not get to decide). Reads are counted per intended and serving node.
    /// </summary>
    public NodeId Intended { get; }

    /// <summary>The router could not send the operation where its policy wanted it first (see <see cref="WithRouting"/>).</summary>
    public bool IsFallback { get; }

    public bool Succeeded => ErrorKind is null;

    public static LoadOutcome Success(OperationId operation, NodeId node = default, StalenessObservation staleness = default) =>
        new(operation, node, null, staleness, default, false);

    public static LoadOutcome Failure(OperationId operation, NodeId node, string errorKind)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorKind);
        return new(operation, node, errorKind, default, default, false);
    }

    public LoadOutcome WithStaleness(StalenessObservation staleness) => new(Operation, Node, ErrorKind, staleness, Intended, IsFallback);

    /// <summary>
    /// Adds the routing decision behind the operation: the node it was meant for and whether it
    /// fell back elsewhere (an intended replica down or too stale, or no replica at all). The
    /// engine counts reads by intended and serving node, and fallbacks, in the same record as
    /// everything else, so they cover exactly the measured window.
    /// </summary>
    public LoadOutcome WithRouting(NodeId intended, bool isFallback) => new(Operation, Node, ErrorKind, Staleness, intended, isFallback);
}
