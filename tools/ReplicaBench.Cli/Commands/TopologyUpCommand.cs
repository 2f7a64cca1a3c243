using System.CommandLine;
using System.Diagnostics;
using ReplicaBench.Cli.Output;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Containers;

namespace ReplicaBench.Cli.Commands;

/// <summary><c>replicabench topology up</c>.</summary>
internal static class TopologyUpCommand
{
    public static Command Create()
    {
        var provider = new Option<string>("--provider")
        {
            Description = $"Where the servers come from: {string.Join(", ", TopologyProviders.Names)} (local: this machine's PostgreSQL binaries on loopback; containers: one Docker container per server).",
            DefaultValueFactory = _ => "local",
        };
        provider.AcceptOnlyFromAmong([.. TopologyProviders.Names]);
        var replicas = new Option<int>("--replicas")
        {
            Description = $"Number of asynchronous streaming replicas, 0 to {TopologyRequest.MaxReplicas}.",
            DefaultValueFactory = _ => 2,
            HelpName = "N",
        };
        var applyDelay = new Option<string[]>("--apply-delay")
        {
            Description = "Delay WAL apply (recovery_min_apply_delay) to emulate a lagging replica: '100ms' for every replica, 'replica2=100ms' for one. Repeat or comma-separate.",
            HelpName = "DELAY|NAME=DELAY",
            AllowMultipleArgumentsPerToken = false,
        };
        var image = new Option<string?>("--image")
        {
            Description = $"containers: the PostgreSQL server image every node runs (default: ${ContainerTopologyOptions.ImageEnvironmentVariable}, else {ContainerTopologyOptions.DefaultImage}).",
            HelpName = "IMAGE",
        };
        var network = new Option<string?>("--network")
        {
            Description = $"containers: 'host' (each server on its own 127.0.0.1 port, host networking; default on Linux) or 'bridge' (a Docker network, ports published on 127.0.0.1; default elsewhere). Default: ${ContainerTopologyOptions.NetworkEnvironmentVariable}, else by OS.",
            HelpName = "host|bridge",
        };
        network.AcceptOnlyFromAmong("host", "bridge");
        var stateDir = CommonOptions.StateDir();

        var command = new Command("up", "Start a primary and N replicas and write STATE_DIR/topology.json (mode 0600).")
        {
            provider, replicas, applyDelay, image, network, stateDir,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Validate everything before anything starts.
            var request = new TopologyRequest(parse.GetValue(replicas), ApplyDelayPlan.Parse(parse.GetValue(applyDelay)));
            var directory = TopologyStateDirectory.FromOption(parse.GetValue(stateDir));
            var providerName = parse.GetValue(provider)!;
            var imageValue = parse.GetValue(image);
            var networkValue = parse.GetValue(network);
            ContainerTopologyOptions? containerOptions = null;
            if (providerName == ContainersTopologyProvider.ProviderName)
            {
                containerOptions = ContainerTopologyOptions.FromOptions(imageValue, networkValue);
            }
            else if (imageValue is not null || networkValue is not null)
            {
                throw new BadInputException("--image and --network apply to --provider containers only; drop them or add --provider containers.");
            }

            var topologyProvider = TopologyProviders.Create(providerName, containerOptions: containerOptions);

            var stopwatch = Stopwatch.StartNew();
            var topology = await TopologyLifecycle.UpAsync(topologyProvider, request, directory, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            NodeTable.WriteNodes(output, topology);
            if (topology.Containers is { } containers)
            {
                await output.WriteLineAsync(
                    $"Containers ({containers.Image}, {ContainerTopologyOptions.FormatNetwork(containers.Network)} network, label {ContainerLabels.Topology}={containers.TopologyId}): {string.Join(", ", containers.Containers.Select(c => c.Name))}");
            }

            await output.WriteLineAsync(
                $"Up in {stopwatch.Elapsed.TotalSeconds:0.0}s: {topology.Nodes.Count} node(s), PostgreSQL {topology.ServerVersion}. State: {directory.TopologyFile}");
            return ExitCodes.Success;
        });
        return command;
    }
}
