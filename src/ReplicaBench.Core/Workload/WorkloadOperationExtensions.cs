using ReplicaBench.Engine;

namespace ReplicaBench.Workload;

/// <summary>Maps a bench operation to what the router needs to know about it.</summary>
public static class WorkloadOperationExtensions
{
    /// <summary>Reads may go to a replica; inserts and updates always go to the primary.</summary>
    public static OperationKind Kind(this WorkloadOperation operation) =>
        operation is WorkloadOperation.PointRead or WorkloadOperation.RangeRead ? OperationKind.Read : OperationKind.Write;

    /// <summary>The name used in mixes, results and on the command line: <c>point-read</c>, <c>range-read</c>, <c>insert</c>, <c>update</c>.</summary>
    public static string Name(this WorkloadOperation operation) => operation switch
    {
        WorkloadOperation.PointRead => "point-read",
        WorkloadOperation.RangeRead => "range-read",
        WorkloadOperation.Insert => "insert",
        WorkloadOperation.Update => "update",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}
