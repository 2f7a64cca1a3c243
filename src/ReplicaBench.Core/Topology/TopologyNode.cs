using ReplicaBench.Engine;
using ReplicaBench.Topology.Iam;

namespace ReplicaBench.Topology;

/// <summary>
/// One server of a topology as written to <c>topology.json</c>. The connection string carries the
/// password, which is why that file is mode 0600 and why <see cref="ToString"/> leaves it out.
/// </summary>
/// <param name="Name">Stable name: <c>primary</c>, <c>replica1</c>..<c>replicaN</c>; replicas use it as <c>application_name</c>.</param>
/// <param name="Role">Primary or replica.</param>
/// <param name="Host">Host name or address the node listens on.</param>
/// <param name="Port">TCP port.</param>
/// <param name="ConnectionString">Npgsql connection string, password included.</param>
/// <param name="ApplyDelayMs">For replicas, the configured <c>recovery_min_apply_delay</c> in milliseconds (0 when none).</param>
/// <param name="Iam">Set when the node is reached with RDS IAM authentication (then the connection string has no password): open it through <see cref="NodeConnections"/>.</param>
public sealed record TopologyNode(
    string Name,
    NodeRole Role,
    string Host,
    int Port,
    string ConnectionString,
    double ApplyDelayMs = 0,
    NodeIam? Iam = null)
{
    public override string ToString() => $"{Name} ({Role}) {Host}:{Port}";
}
