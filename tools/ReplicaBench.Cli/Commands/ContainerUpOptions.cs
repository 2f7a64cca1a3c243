using System.CommandLine;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Containers;

namespace ReplicaBench.Cli.Commands;

/// <summary>
/// The <c>topology up</c> options that only the containers provider uses (<c>--image</c>,
/// <c>--network</c>), kept apart so the up command reads the same for every provider.
/// </summary>
internal sealed class ContainerUpOptions
{
    public Option<string?> Image { get; } = new("--image")
    {
        Description = $"Containers only: the PostgreSQL server image every node runs (default: ${ContainerTopologyOptions.ImageEnvironmentVariable}, else {ContainerTopologyOptions.DefaultImage}). Needs /bin/sh, a postgres user and the server binaries.",
        HelpName = "IMAGE",
    };

    public Option<string?> Network { get; } = CreateNetwork();

    /// <summary>The containers provider with the options given; null for another provider (which must not get them).</summary>
    public ContainersTopologyProvider? CreateProvider(ParseResult parse, string providerName)
    {
        var image = parse.GetValue(Image);
        var network = parse.GetValue(Network);
        if (providerName != ContainersTopologyProvider.ProviderName)
        {
            if (image is not null || network is not null)
            {
                throw new BadInputException(
                    $"--image and --network apply to --provider {ContainersTopologyProvider.ProviderName} only; drop them, or add --provider {ContainersTopologyProvider.ProviderName}.");
            }

            return null;
        }

        return new ContainersTopologyProvider(ContainerTopologyOptions.FromOptions(image, network), TimeProvider.System);
    }

    /// <summary>Which image ran, how it is reached, and the label that finds every container.</summary>
    public static async Task WriteSummaryAsync(TextWriter output, TopologyDescriptor topology)
    {
        var containers = topology.Containers!;
        await output.WriteLineAsync(
            $"Containers ({containers.Image}, {ContainerTopologyOptions.FormatNetwork(containers.Network)} network, label {ContainerLabels.Topology}={containers.TopologyId}): {string.Join(", ", containers.Containers.Select(c => c.Name))}");
    }

    private static Option<string?> CreateNetwork()
    {
        var network = new Option<string?>("--network")
        {
            Description = $"Containers only: 'host' (host networking, each server on its own 127.0.0.1 port; default on Linux) or 'bridge' (a Docker network, ports published on 127.0.0.1; default elsewhere). Default: ${ContainerTopologyOptions.NetworkEnvironmentVariable}, else by OS.",
            HelpName = "host|bridge",
        };
        network.AcceptOnlyFromAmong("host", "bridge");
        return network;
    }
}
