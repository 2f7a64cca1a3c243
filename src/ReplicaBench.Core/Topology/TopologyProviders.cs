using ReplicaBench.Topology.Containers;
using ReplicaBench.Topology.External;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.Topology;

/// <summary>The topology providers this build knows, by <c>--provider</c> name.</summary>
public static class TopologyProviders
{
    public static IReadOnlyList<string> Names { get; } = [LocalTopologyProvider.ProviderName, ContainersTopologyProvider.ProviderName, ExternalTopologyProvider.ProviderName];

    /// <param name="name">The <c>--provider</c> name or topology.json's <c>provider</c>.</param>
    /// <param name="timeProvider">Clock for the creation time.</param>
    /// <param name="down">What <c>down</c> should do beyond stopping (external: <c>--drop-schema</c>).</param>
    public static ITopologyProvider Create(string name, TimeProvider? timeProvider = null, TopologyDownOptions? down = null) => name switch
    {
        LocalTopologyProvider.ProviderName => new LocalTopologyProvider(timeProvider ?? TimeProvider.System),
        // Image and network come from the environment here; `topology up` passes --image/--network itself.
        ContainersTopologyProvider.ProviderName => new ContainersTopologyProvider(null, timeProvider ?? TimeProvider.System),
        ExternalTopologyProvider.ProviderName => new ExternalTopologyProvider(
            new ExternalProviderOptions { DropSchemaOnDown = down?.DropSuiteSchema ?? false },
            timeProvider ?? TimeProvider.System),
        _ => throw new BadInputException($"--provider '{name}' is not known; use one of: {string.Join(", ", Names)}."),
    };
}
