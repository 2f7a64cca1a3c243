using ReplicaBench.Topology.Containers;
using ReplicaBench.Topology.External;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.Topology.Faults;

/// <summary>
/// Where fault injection comes from: one implementation per provider that owns its servers. The
/// suite never kills, pauses or promotes an <c>external</c> topology's servers — they are someone
/// else's (an RDS instance, a staging cluster) — so that provider is refused up front.
/// </summary>
public static class TopologyFaults
{
    /// <summary>Throws the one-line <see cref="BadInputException"/> when faults cannot run on <paramref name="provider"/>'s topologies.</summary>
    public static void EnsureSupported(string provider)
    {
        switch (provider)
        {
            case LocalTopologyProvider.ProviderName or ContainersTopologyProvider.ProviderName:
                return;
            case ExternalTopologyProvider.ProviderName:
                throw new BadInputException(
                    "--fault cannot run on an external topology: the suite never kills, pauses or promotes servers it does not own; run fault scenarios on a local or containers topology (drop --state-dir, or bring one up with 'replicabench topology up --provider local|containers').");
            default:
                throw new BadInputException($"--fault: the topology provider '{provider}' has no fault injection; use a local or containers topology.");
        }
    }

    /// <summary>Fault injection on the topology recorded in <paramref name="stateDirectory"/>, which it keeps up to date.</summary>
    /// <exception cref="BadInputException">No topology is up there, or it is external.</exception>
    public static ITopologyFaults For(TopologyStateDirectory stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(stateDirectory);
        var topology = stateDirectory.Read();
        EnsureSupported(topology.Provider);
        return topology.Provider == LocalTopologyProvider.ProviderName
            ? new LocalTopologyFaults(stateDirectory, topology)
            : new ContainerTopologyFaults(stateDirectory, topology);
    }
}
