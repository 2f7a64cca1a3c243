using System.Text.Json.Serialization;
using ReplicaBench.Engine;
using ReplicaBench.Topology.Containers;
using ReplicaBench.Topology.Emulation;
using ReplicaBench.Topology.External;
using ReplicaBench.Topology.Poolers;
using ReplicaBench.Topology.Settings;
using ReplicaBench.Topology.Tls;

namespace ReplicaBench.Topology;

/// <summary>
/// A running topology as recorded in <c>STATE_DIR/topology.json</c>: everything another process
/// (the CLI, benchmarks, load runs, tests) needs to reach the nodes and to tear them down.
/// </summary>
public sealed record TopologyDescriptor
{
    /// <summary>Version of this file's shape; readers refuse versions newer than they know.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The provider that created it: <c>local</c>, <c>containers</c> or <c>external</c>. Fault injection and other destructive tools check it.</summary>
    public required string Provider { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>server_version</c> of the primary, e.g. <c>15.18 (Debian 15.18-0+deb12u1)</c>.</summary>
    public string? ServerVersion { get; init; }

    /// <summary>The primary first, then the replicas (local: replica1..N; external: in the configured order).</summary>
    public required IReadOnlyList<TopologyNode> Nodes { get; init; }

    /// <summary>Details only the <c>local</c> provider needs to tear the topology down.</summary>
    public LocalTopologyDetails? Local { get; init; }

    /// <summary>Details only the <c>containers</c> provider needs to tear the topology down.</summary>
    public ContainerTopologyDetails? Containers { get; init; }

    /// <summary>How an <c>external</c> topology was configured (no password: see <see cref="ExternalSecrets"/>).</summary>
    public ExternalTopologyDetails? External { get; init; }

    /// <summary>The topology's own CA when it was brought up with <c>--tls</c>; null otherwise (and for external topologies, whose TLS is the servers' business).</summary>
    public TopologyTlsDetails? Tls { get; init; }

    /// <summary>
    /// The transaction pooler in front of the nodes, or null when clients reach the servers directly.
    /// With one, the nodes' endpoints are the pooler's and the suite keeps no session state (<see cref="SessionPolicy"/>).
    /// </summary>
    public PoolerDetails? Pooler { get; init; }

    /// <summary>The pooler's kind; <see cref="PoolerKind.None"/> without one.</summary>
    [JsonIgnore]
    public PoolerKind PoolerKind => Pooler?.Kind ?? PoolerKind.None;

    /// <summary>Each server's emulated size and, for local servers, its cgroup; null without <c>--node-cpus</c>/<c>--node-memory</c>.</summary>
    public NodeEmulation? Emulation { get; init; }

    /// <summary>The server settings <c>topology up</c> applied per role (<c>--primary-setting</c>, <c>--replica-setting</c>); null when none.</summary>
    public AppliedServerSettings? ServerSettings { get; init; }

    /// <summary>
    /// Whether the suite may write (inside its own schema) on this topology; checked by
    /// <see cref="WriteInterlock"/>. True for throwaway local and containers topologies; for
    /// external ones only with <c>--allow-writes</c>.
    /// </summary>
    public bool WritesAllowed { get; init; } = true;

    /// <summary>The servers' <c>max_connections</c> as <c>topology up --max-connections</c> set it; null when it was left at the provider's default (or the servers are not the suite's).</summary>
    public int? MaxConnections { get; init; }

    [JsonIgnore]
    public TopologyNode Primary => Nodes.First(n => n.Role == NodeRole.Primary);

    [JsonIgnore]
    public IReadOnlyList<TopologyNode> Replicas => [.. Nodes.Where(n => n.Role == NodeRole.Replica)];

    public TopologyNode? FindNode(string name) => Nodes.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.Ordinal));

    /// <summary>The nodes in topology order (primary first), as a load scenario's node list.</summary>
    /// <summary>
    /// The same topology seen with only its first <paramref name="replicas"/> replicas (in recorded
    /// order): how a run sweeps replica counts over endpoints that are all up (<c>--replicas 0,1,2</c>
    /// with <c>--state-dir</c>); the others are left alone, neither routed to nor sampled.
    /// </summary>
    public TopologyDescriptor WithFirstReplicas(int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicas, Replicas.Count);
        return replicas == Replicas.Count ? this : this with { Nodes = [.. Nodes.Where(n => n.Role != NodeRole.Replica), .. Replicas.Take(replicas)] };
    }

    public IReadOnlyList<NodeDefinition> NodeDefinitions() => [.. Nodes.Select(n => new NodeDefinition(n.Name, n.Role))];
}
