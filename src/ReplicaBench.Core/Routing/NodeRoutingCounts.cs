using ReplicaBench.Engine;

namespace ReplicaBench.Routing;

/// <summary>What one node served: the per-node rows of results (<c>nodes</c>: name, role, reads, writes).</summary>
/// <param name="Name">Node name from topology.json.</param>
/// <param name="Role">Primary or replica.</param>
/// <param name="Reads">Reads that succeeded on this node.</param>
/// <param name="Writes">Writes that succeeded on this node.</param>
/// <param name="Failures">Operations that failed on this node (cancelled ones included; see <see cref="RoutingCounts.Failures"/>).</param>
/// <param name="MarkedDown">Times the router took this replica out of rotation after a connection failure.</param>
/// <param name="MarkedUp">Times a recheck brought it back.</param>
public sealed record NodeRoutingCounts(string Name, NodeRole Role, long Reads, long Writes, long Failures, long MarkedDown, long MarkedUp);
