using ReplicaBench.Topology.Emulation;
using ReplicaBench.Topology.Poolers;
using ReplicaBench.Topology.Settings;

namespace ReplicaBench.Topology;

/// <summary>What to bring up. Validated on construction so every provider gets a sane request.</summary>
public sealed record TopologyRequest
{
    /// <summary>Most replicas a topology may have; each one is a full server on the same machine.</summary>
    public const int MaxReplicas = 8;

    public TopologyRequest(int replicas, ApplyDelayPlan? applyDelays = null, NodeBudget? budget = null, PoolerKind pooler = PoolerKind.None)
    {
        if (replicas is < 0 or > MaxReplicas)
        {
            throw new BadInputException($"--replicas {replicas} is out of range; use 0 to {MaxReplicas}.");
        }

        Replicas = replicas;
        ApplyDelays = applyDelays ?? ApplyDelayPlan.None;
        ApplyDelays.ValidateAgainst(ReplicaNames);
        Budget = budget ?? NodeBudget.None;
        Pooler = pooler;
    }

    public int Replicas { get; }

    /// <summary>
    /// <c>--tls</c>: the servers get TLS with a CA made for the topology (recorded as
    /// <see cref="TopologyDescriptor.Tls"/>), and the suite connects with <c>verify-full</c>.
    /// </summary>
    public bool Tls { get; init; }

    /// <summary>Fewest and most <c>max_connections</c> that <c>--max-connections</c> accepts.</summary>
    public const int MinMaxConnections = 10, MaxMaxConnections = 10_000;

    /// <summary>PostgreSQL's <c>max_connections</c> the local provider sets on every server unless told otherwise.</summary>
    public const int DefaultMaxConnections = 200;

    /// <summary>
    /// <c>--max-connections</c>: each server's <c>max_connections</c> (local and containers; the replicas
    /// inherit the primary's, as a hot standby must have at least as many); null for <see cref="DefaultMaxConnections"/>.
    /// </summary>
    public int? MaxConnections
    {
        get;
        init
        {
            if (value is < MinMaxConnections or > MaxMaxConnections)
            {
                throw new BadInputException($"--max-connections {value} is out of range; use {MinMaxConnections} to {MaxMaxConnections}.");
            }

            field = value;
        }
    }

    /// <summary>
    /// Server settings to apply once the servers run (<c>--primary-setting</c>, <c>--replica-setting</c>,
    /// <c>--no-restart</c>); applied by <see cref="TopologyLifecycle.UpAsync"/>, refused for external topologies.
    /// </summary>
    public ServerSettingsPlan ServerSettings { get; init; } = ServerSettingsPlan.None;

    public ApplyDelayPlan ApplyDelays { get; }

    /// <summary>Each server's emulated size (<c>--node-cpus</c>, <c>--node-memory</c>); <see cref="NodeBudget.None"/> for the whole machine.</summary>
    public NodeBudget Budget { get; }

    /// <summary>The pooler to start in front of each node (<c>--pooler</c>); <see cref="PoolerKind.None"/> for direct connections.</summary>
    public PoolerKind Pooler { get; }

    /// <summary><c>replica1</c>..<c>replicaN</c>: the names used in topology.json and as application_name.</summary>
    public IReadOnlyList<string> ReplicaNames => [.. Enumerable.Range(1, Replicas).Select(ReplicaName)];

    public static string ReplicaName(int ordinal) => $"replica{ordinal}";
}
