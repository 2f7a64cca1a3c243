using ReplicaBench.Topology.Local;

namespace ReplicaBench.Topology;

/// <summary>The topology providers this build knows, by <c>--provider</c> name.</summary>
public static class TopologyProviders
{
    public static IReadOnlyList<string> Names { get; } = [LocalTopologyProvider.ProviderName];

    public static ITopologyProvider Create(string name, TimeProvider? timeProvider = null) => name switch
    {
        LocalTopologyProvider.ProviderName => new LocalTopologyProvider(timeProvider ?? TimeProvider.System),
        _ => throw new BadInputException($"--provider '{name}' is not known; use one of: {string.Join(", ", Names)}."),
    };
}
