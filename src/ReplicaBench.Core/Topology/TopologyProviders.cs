using ReplicaBench.Topology.Containers;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.Topology;

/// <summary>The topology providers this build knows, by <c>--provider</c> name.</summary>
public static class TopologyProviders
{
    public static IReadOnlyList<string> Names { get; } = [LocalTopologyProvider.ProviderName, ContainersTopologyProvider.ProviderName];

    /// <param name="name">The <c>--provider</c> name.</param>
    /// <param name="timeProvider">Clock for creation times (default: the system clock).</param>
    /// <param name="containerOptions">Image and network for <c>containers</c> (default: <see cref="ContainerTopologyOptions.Default"/>); not needed for <c>down</c>.</param>
    public static ITopologyProvider Create(string name, TimeProvider? timeProvider = null, ContainerTopologyOptions? containerOptions = null) => name switch
    {
        LocalTopologyProvider.ProviderName => new LocalTopologyProvider(timeProvider ?? TimeProvider.System),
        ContainersTopologyProvider.ProviderName => new ContainersTopologyProvider(containerOptions ?? ContainerTopologyOptions.Default, timeProvider ?? TimeProvider.System),
        _ => throw new BadInputException($"--provider '{name}' is not known; use one of: {string.Join(", ", Names)}."),
    };
}
