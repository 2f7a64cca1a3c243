namespace ReplicaBench.Routing;

/// <summary>
/// Where one operation goes: the node the policy wanted and the node it chose. Node indices follow
/// <c>TopologyDescriptor.Nodes</c>: 0 is the primary, 1..N are replica1..replicaN.
/// </summary>
/// <param name="IntendedNode">
/// The node the policy would have used had every replica been healthy and fresh enough (for a
/// spreading policy: the replica whose turn it was). Compared with <paramref name="ChosenNode"/>
/// it shows where reads were meant to go versus where they went.
/// </param>
/// <param name="ChosenNode">The node the operation is sent to; <see cref="NpgsqlChooses"/> when Npgsql's multi-host data source decides.</param>
/// <param name="IsFallback">
/// The read could not go where the policy wanted it first: the intended replica was down, too stale
/// or behind the session's last write, or the topology has no replica at all (then both indices are
/// the primary). A fallback is either to another replica or, when none qualifies, to the primary.
/// </param>
public readonly record struct RoutingDecision(int IntendedNode, int ChosenNode, bool IsFallback)
{
    /// <summary>The primary's node index.</summary>
    public const int PrimaryNode = 0;

    /// <summary>The <see cref="ChosenNode"/> of a decision left to Npgsql's multi-host data source; the node is known once the connection opens.</summary>
    public const int NpgsqlChooses = -1;

    /// <summary>The operation belongs on the primary (every write, and every read under primary-only).</summary>
    public static RoutingDecision Primary => new(PrimaryNode, PrimaryNode, false);

    /// <summary>Npgsql picks the node (npgsql-prefer-standby reads).</summary>
    public static RoutingDecision DelegatedToNpgsql => new(NpgsqlChooses, NpgsqlChooses, false);

    /// <summary>True when Npgsql, not ReplicaBench, chooses the node.</summary>
    public bool IsDelegatedToNpgsql => ChosenNode == NpgsqlChooses;

    /// <summary>True when the operation goes to a replica.</summary>
    public bool ChoseReplica => ChosenNode > PrimaryNode;

    /// <summary>A read that wanted a replica and is served by the primary instead.</summary>
    public bool FellBackToPrimary => IsFallback && ChosenNode == PrimaryNode;

    /// <summary>The read goes to the replica the policy wanted.</summary>
    public static RoutingDecision Replica(int node) => new(node, node, false);

    /// <summary>No replica qualifies: the read goes to the primary, counted as a fallback.</summary>
    public static RoutingDecision FallbackToPrimary(int intendedNode) => new(intendedNode, PrimaryNode, true);
}
