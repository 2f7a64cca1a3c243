using System.CommandLine;
using System.Diagnostics;
using ReplicaBench.Cli.Output;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Emulation;
using ReplicaBench.Topology.External;
using ReplicaBench.Topology.Poolers;

namespace ReplicaBench.Cli.Commands;

/// <summary><c>replicabench topology up</c>.</summary>
internal static class TopologyUpCommand
{
    public static Command Create()
    {
        var provider = new Option<string>("--provider")
        {
            Description = $"Where the servers come from: {string.Join(", ", TopologyProviders.Names)} (local: this machine's PostgreSQL binaries on loopback; containers: one Docker container per server, see --image; external: existing endpoints such as RDS, see --config). Default: ${ExternalEnvironment.Provider}, else local.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ExternalEnvironment.Provider) is { Length: > 0 } fromEnvironment ? fromEnvironment : "local",
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
        var tls = new Option<bool>("--tls")
        {
            Description = "Local and containers: give the servers TLS with a CA made for this topology (server certificate for localhost, 127.0.0.1, ::1); topology.json records its absolute path as tls.caFile, and the suite connects with sslmode verify-full against it. External: TLS is the servers' own, see sslMode and sslRootCert.",
        };
        var pooler = new Option<string>("--pooler")
        {
            Description = $"Start a transaction-mode connection pooler in front of each node and make the nodes' endpoints the poolers' (local only): {PoolerNames.None} or {PoolerNames.PgBouncer} (needs 'apt-get install pgbouncer'). The engine then uses no server-side prepared statements and no session settings. External topologies name their pooler in --config ('pooler') instead. Default: none.",
            DefaultValueFactory = _ => PoolerNames.None,
            HelpName = "NAME",
        };
        var maxConnections = new Option<int?>("--max-connections")
        {
            Description = $"Local and containers: each server's max_connections ({TopologyRequest.MinMaxConnections} to {TopologyRequest.MaxMaxConnections}, default {TopologyRequest.DefaultMaxConnections}); 'load' refuses a run whose virtual users would not fit. Recorded in topology.json.",
            HelpName = "N",
        };
        var nodeCpus = CommonOptions.NodeCpus();
        var nodeMemory = CommonOptions.NodeMemory();
        var stateDir = CommonOptions.StateDir();
        var external = new ExternalUpOptions();
        var containers = new ContainerUpOptions();
        var serverSettings = new ServerSettingUpOptions();

        var command = new Command("up", "Start a primary and N replicas (external: verify existing endpoints) and write STATE_DIR/topology.json (mode 0600).")
        {
            provider, replicas, applyDelay, tls, pooler, maxConnections, nodeCpus, nodeMemory, stateDir, containers.Image, containers.Network, external.Config, external.AllowWrites,
        };
        foreach (var option in serverSettings.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            // Validate everything before anything starts.
            var providerName = parse.GetValue(provider)!;
            if (parse.GetValue(tls) && providerName == ExternalTopologyProvider.ProviderName)
            {
                throw new BadInputException(
                    $"--tls applies to the local and containers providers, which start their own servers; an external server's TLS is its own: drop --tls and set sslMode verify-full with sslRootCert (or {ExternalEnvironment.SslMode}, {ExternalEnvironment.SslRootCert}), for RDS the AWS global-bundle.pem.");
            }

            if (parse.GetValue(tls) && parse.GetValue(pooler) is { } pooled && pooled != PoolerNames.None)
            {
                throw new BadInputException(
                    "--tls and --pooler cannot be combined: the PgBouncer started here listens without TLS, so verify-full connections to it would fail; drop --pooler to measure TLS, or --tls to measure the pooler.");
            }

            if (parse.GetValue(maxConnections) is not null && providerName == ExternalTopologyProvider.ProviderName)
            {
                throw new BadInputException(
                    "--max-connections applies to the local and containers providers, which start their own servers; an external server's max_connections is its own (on RDS, its parameter group): drop --max-connections.");
            }

            var request = new TopologyRequest(
                parse.GetValue(replicas), ApplyDelayPlan.Parse(parse.GetValue(applyDelay)), NodeBudget.Parse(AutoNodeCpus.Resolve(parse.GetValue(nodeCpus), parse.GetValue(replicas) + 1), parse.GetValue(nodeMemory)),
                PoolerNames.Parse(parse.GetValue(pooler), "--pooler"))
            {
                Tls = parse.GetValue(tls),
                MaxConnections = parse.GetValue(maxConnections),
                ServerSettings = serverSettings.Parse(parse, providerName),
            };
            if (request.MaxConnections is { } limit && request.ServerSettings.Primary.Concat(request.ServerSettings.Replicas).Any(s => s.Name == "max_connections"))
            {
                throw new BadInputException(
                    $"--max-connections {limit} and a max_connections setting both set the servers' connection limit; keep one (--max-connections sets every node, as a standby needs at least its primary's).");
            }

            var directory = TopologyStateDirectory.FromOption(parse.GetValue(stateDir));
            var topologyProvider = containers.CreateProvider(parse, providerName) ?? external.CreateProvider(parse, providerName, replicas);

            var stopwatch = Stopwatch.StartNew();
            var output = parse.InvocationConfiguration.Output;
            var settingLines = new List<string>();
            var topology = await TopologyLifecycle.UpAsync(topologyProvider, request, directory, cancellationToken, note => output.WriteLine($"up: {note}"), settingLines.Add);
            NodeTable.WriteNodes(output, topology);
            if (topology.Emulation is not null)
            {
                await output.WriteLineAsync(NodeTable.DescribeEmulation(topology));
            }
            if (topology.Pooler is { } running)
            {
                await output.WriteLineAsync(NodeTable.DescribePooler(running));
            }

            if (topology.Containers is not null)
            {
                await ContainerUpOptions.WriteSummaryAsync(output, topology);
            }

            if (topology.External is not null)
            {
                await ExternalUpOptions.WriteSummaryAsync(output, topology, stopwatch.Elapsed, directory.TopologyFile);
                return ExitCodes.Success;
            }

            foreach (var line in settingLines)
            {
                await output.WriteLineAsync("Settings: " + line);
            }

            if (topology.Tls is not null)
            {
                await output.WriteLineAsync($"TLS: every node presents a certificate signed by the topology's CA {topology.Tls.CaFile}; the suite connects with sslmode verify-full.");
            }

            await output.WriteLineAsync(
                $"Up in {stopwatch.Elapsed.TotalSeconds:0.0}s: {topology.Nodes.Count} node(s), PostgreSQL {topology.ServerVersion}. State: {directory.TopologyFile}");
            return ExitCodes.Success;
        });
        return command;
    }
}
