namespace ReplicaBench.Topology;

/// <summary>How <c>topology down</c> treats data it did not start: only the external provider uses it.</summary>
/// <param name="DropSuiteSchema">
/// <c>--drop-schema</c>: on an external topology, drop the suite's own schema (and nothing else)
/// before forgetting it. Without it, <c>down</c> on external touches no server. Local and containers
/// topologies remove their servers with every schema anyway.
/// </param>
public sealed record TopologyDownOptions(bool DropSuiteSchema = false)
{
    public static TopologyDownOptions Default { get; } = new();
}
