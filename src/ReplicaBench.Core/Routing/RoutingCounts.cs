using ReplicaBench.Engine.RunResults;
namespace ReplicaBench.Routing;

/// <summary>
/// A snapshot of where operations went under a router: per node, intended versus served for
/// reads, fallbacks, and failures by kind. Counts only grow; subtract two snapshots for a window.
/// </summary>
/// <param name="Nodes">Per node, in topology order (primary first).</param>
/// <param name="ReadsByIntendedAndServed">Every non-zero (intended, served) pair of successful reads.</param>
/// <param name="ReadFallbacks">Successful reads that did not run where the policy wanted them first (see <see cref="RoutingDecision.IsFallback"/>).</param>
/// <param name="ReadFallbacksToPrimary">Of those, the ones the primary served.</param>
/// <param name="FailuresByKind">Failed operations by kind, <see cref="OperationFailureKind.Canceled"/> included.</param>
/// <param name="FailuresWithUnknownNode">Failures before a node was known (Npgsql's multi-host open).</param>
public sealed record RoutingCounts(
    IReadOnlyList<NodeRoutingCounts> Nodes,
    IReadOnlyList<IntendedServedCount> ReadsByIntendedAndServed,
    long ReadFallbacks,
    long ReadFallbacksToPrimary,
    IReadOnlyDictionary<OperationFailureKind, long> FailuresByKind,
    long FailuresWithUnknownNode)
{
    public long Reads => Nodes.Sum(n => n.Reads);

    public long Writes => Nodes.Sum(n => n.Writes);

    /// <summary>Failed operations, not counting those the caller cancelled.</summary>
    public long Failures => FailuresByKind.Where(p => p.Key != OperationFailureKind.Canceled).Sum(p => p.Value);

    /// <summary>Successful reads served by replicas.</summary>
    public long ReplicaReads => Nodes.Where(n => n.Role == Engine.NodeRole.Replica).Sum(n => n.Reads);

    /// <summary>The counts for a node by name.</summary>
    public NodeRoutingCounts Node(string name) => Nodes.First(n => string.Equals(n.Name, name, StringComparison.Ordinal));

    /// <summary>Reads meant for <paramref name="intended"/> that <paramref name="served"/> served.</summary>
    public long ReadsIntendedFor(string intended, string served) =>
        ReadsByIntendedAndServed.FirstOrDefault(c =>
            string.Equals(c.IntendedNode, intended, StringComparison.Ordinal)
            && string.Equals(c.ServedNode, served, StringComparison.Ordinal))?.Reads ?? 0;
}
