using System.Security.Cryptography;
using Docker.DotNet;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Topology.Emulation;
using ReplicaBench.Topology.Local;
using ReplicaBench.Topology.Tls;

namespace ReplicaBench.Topology.Containers;

/// <summary>
/// A primary and N asynchronous streaming replicas, each in its own Docker container (through
/// Testcontainers), with the local provider's server settings, user, database and apply-delay
/// option. Each replica is cloned inside its own container with <c>pg_basebackup</c> (one physical
/// slot each, <c>application_name</c> = its name) before its server starts. Every container and
/// network carries <see cref="ContainerLabels"/>, which is how <c>down</c> — and a later <c>up</c>
/// in the same state dir after a crash — remove everything, with or without Testcontainers' reaper.
/// </summary>
/// <param name="options">Image and network mode; null: <see cref="ContainerTopologyOptions.Default"/>, read when <c>up</c> starts (<c>down</c> needs none).</param>
/// <param name="timeProvider">Clock for the topology's creation time.</param>
public sealed class ContainersTopologyProvider(ContainerTopologyOptions? options, TimeProvider timeProvider) : ITopologyProvider
{
    public const string ProviderName = "containers";

    public ContainersTopologyProvider()
        : this(null, TimeProvider.System)
    {
    }

    public string Name => ProviderName;

    public ContainerTopologyOptions Options => options ?? ContainerTopologyOptions.Default;

    public async Task<TopologyDescriptor> UpAsync(TopologyRequest request, string workDirectory, CancellationToken cancellationToken)
    {
        if (request.Pooler != Poolers.PoolerKind.None)
        {
            throw new BadInputException(
                $"--pooler {Poolers.PoolerNames.Name(request.Pooler)} cannot be used with --provider containers yet; use --provider local --pooler pgbouncer.");
        }

        var chosen = Options;
        using var engine = await DockerEngine.ConnectAsync(cancellationToken);
        var stateDirectory = Path.GetFullPath(workDirectory);

        // The lifecycle refuses an `up` where a topology is recorded, so anything still labelled with
        // this state dir is what a crashed (killed) `up` or a lost topology.json left behind.
        await engine.RemoveLabelledAsync(ContainerLabels.StateDirectory, stateDirectory, cancellationToken);

        var topologyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        try
        {
            return await StartAsync(engine, chosen, request, topologyId, stateDirectory, cancellationToken);
        }
        catch (Exception ex)
        {
            // A failed or cancelled up leaves nothing behind: found by label, so a container whose
            // creation was interrupted goes too.
            await engine.RemoveLabelledAsync(ContainerLabels.Topology, topologyId, CancellationToken.None);
            if (request.Tls)
            {
                TopologyTlsFiles.DeleteCa(stateDirectory);
            }

            if (!cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            // A create request abandoned mid-flight may still complete in the engine a moment later.
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            await engine.RemoveLabelledAsync(ContainerLabels.Topology, topologyId, CancellationToken.None);

            // Testcontainers reports a cancelled readiness wait as a timeout: the cancellation is what
            // happened (Ctrl+C), and callers tell it from a failure by its type.
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new OperationCanceledException("topology up was cancelled", ex, cancellationToken);
        }
    }

    public async Task DownAsync(TopologyDescriptor topology, CancellationToken cancellationToken)
    {
        var details = topology.Containers
            ?? throw new TopologyException("topology.json has no 'containers' section; it was not made by the containers provider.");
        using var engine = await DockerEngine.ConnectAsync(cancellationToken);
        if (details.DockerEndpoint is { } recorded && !string.Equals(recorded, engine.Endpoint, StringComparison.Ordinal))
        {
            // Another engine has none of these containers: "removing" them there would forget the real ones.
            throw new BadInputException(
                $"this topology runs on the Docker engine at {recorded}, but Docker is now found at {engine.Endpoint}; set DOCKER_HOST={recorded} and run down again.");
        }

        await engine.RemoveLabelledAsync(ContainerLabels.Topology, details.TopologyId, cancellationToken);

        var left = await engine.ContainersWithLabelAsync(ContainerLabels.Topology, details.TopologyId, cancellationToken);
        if (left.Count > 0)
        {
            throw new TopologyException(
                $"container(s) {string.Join(", ", left.Select(c => c.ID[..12]))} survived removal; remove them with 'docker rm -f -v' (label {ContainerLabels.Topology}={details.TopologyId}).");
        }
    }

    private async Task<TopologyDescriptor> StartAsync(
        DockerEngine engine,
        ContainerTopologyOptions options,
        TopologyRequest request,
        string topologyId,
        string stateDirectory,
        CancellationToken cancellationToken)
    {
        var imageWasLocal = await engine.ImageExistsAsync(options.Image, cancellationToken);
        var password = SuiteLogin.GeneratePassword();
        var certificates = request.Tls ? TopologyCertificates.Create(timeProvider.GetUtcNow(), topologyId) : null;
        var tls = certificates is null ? null : TopologyTlsFiles.WriteCa(certificates, stateDirectory);
        var host = options.Network == ContainerNetworkMode.Host;
        var ports = host ? FreeTcpPorts.Take(1 + request.Replicas) : [.. Enumerable.Repeat(ContainerNodeBuilder.BridgeServerPort, 1 + request.Replicas)];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ContainerLabels.Managed] = "true",
            [ContainerLabels.Topology] = topologyId,
            [ContainerLabels.StateDirectory] = stateDirectory,
        };

        INetwork? network = null;
        if (!host)
        {
            network = new NetworkBuilder()
                .WithName($"replicabench-{topologyId}")
                .WithLabel(labels)
                .WithCleanUp(false)
                .WithLogger(NullLogger.Instance)
                .Build();
            await network.CreateAsync(cancellationToken);
        }

        var primarySettings = LocalServerSettings.ForPrimary(ports[0], request.MaxConnections) + (host ? string.Empty : "listen_addresses = '*'\n")
            + (tls is null ? string.Empty : LocalServerSettings.ForTls("server.crt", "server.key"));
        var (primaryCpus, primaryMemory) = request.Budget.For(NodeRole.Primary);
        var primarySpec = new ContainerNodeSpec(
            "primary",
            NodeRole.Primary,
            ports[0],
            ContainerEntryScript.ForPrimary(LocalTopologyProvider.UserName, openToNetwork: !host, tls: tls is not null),
            primarySettings,
            primaryCpus,
            primaryMemory,
            certificates);
        var (primaryContainer, primaryPort) = await StartNodeAsync(engine, options, primarySpec, topologyId, labels, password, network, imageWasLocal, cancellationToken);

        var primaryNode = new TopologyNode("primary", NodeRole.Primary, "127.0.0.1", primaryPort, SuiteLogin.ConnectionString(primaryPort, password, "postgres", tls));
        await ContainerReadiness.WaitUntilAcceptingAsync(engine, primaryContainer, options.Image, "primary", primaryNode.ConnectionString, cancellationToken);
        string serverVersion;
        await using (var admin = new NpgsqlConnection(primaryNode.ConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {LocalTopologyProvider.DatabaseName}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
            await using var version = new NpgsqlCommand("SHOW server_version", admin);
            serverVersion = (string)(await version.ExecuteScalarAsync(cancellationToken))!;
        }

        primaryNode = primaryNode with { ConnectionString = SuiteLogin.ConnectionString(primaryPort, password, LocalTopologyProvider.DatabaseName, tls) };
        var records = new List<ContainerRecord> { new("primary", primaryContainer.Id, primaryContainer.Name.TrimStart('/')) };

        // In parallel, as the local provider does: each base backup asks for its own fast checkpoint.
        var (primaryHost, primaryServerPort) = host ? ("127.0.0.1", ports[0]) : ("primary", ContainerNodeBuilder.BridgeServerPort);
        var (replicaCpus, replicaMemory) = request.Budget.For(NodeRole.Replica);
        var replicas = await Task.WhenAll(request.ReplicaNames.Select(async (name, i) =>
        {
            var delay = request.ApplyDelays.DelayFor(name);
            var spec = new ContainerNodeSpec(
                name,
                NodeRole.Replica,
                ports[i + 1],
                ContainerEntryScript.ForReplica(LocalTopologyProvider.UserName, name, primaryHost, primaryServerPort, tls: tls is not null),
                LocalServerSettings.ForReplica(ports[i + 1], delay),
                replicaCpus,
                replicaMemory,
                certificates);
            var (container, port) = await StartNodeAsync(engine, options, spec, topologyId, labels, password, network, imageWasLocal, cancellationToken);
            var node = new TopologyNode(name, NodeRole.Replica, "127.0.0.1", port, SuiteLogin.ConnectionString(port, password, LocalTopologyProvider.DatabaseName, tls), delay.TotalMilliseconds);
            await ContainerReadiness.WaitUntilAcceptingAsync(engine, container, options.Image, name, node.ConnectionString, cancellationToken);
            return (Node: node, Record: new ContainerRecord(name, container.Id, container.Name.TrimStart('/')));
        }));

        await ReplicationReadiness.WaitForStreamingAsync(primaryNode.ConnectionString, request.ReplicaNames, cancellationToken);

        return new TopologyDescriptor
        {
            Provider = ProviderName,
            CreatedAt = timeProvider.GetUtcNow(),
            ServerVersion = serverVersion,
            Nodes = [primaryNode, .. replicas.Select(r => r.Node)],
            MaxConnections = request.MaxConnections,
            Containers = new ContainerTopologyDetails(
                topologyId,
                engine.Endpoint,
                options.Image,
                options.Network,
                network?.Name,
                [.. records, .. replicas.Select(r => r.Record)]),
            Emulation = NodeEmulation.For(request.Budget, request.Budget.Nodes(request.ReplicaNames)),
            Tls = tls,
        };
    }

    /// <summary>Creates and starts one node's container; returns it and the port clients use on this machine.</summary>
    private static async Task<(IContainer Container, int Port)> StartNodeAsync(
        DockerEngine engine,
        ContainerTopologyOptions options,
        ContainerNodeSpec spec,
        string topologyId,
        Dictionary<string, string> topologyLabels,
        string password,
        INetwork? network,
        bool imageWasLocal,
        CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string>(topologyLabels, StringComparer.Ordinal)
        {
            [ContainerLabels.Role] = spec.Role == NodeRole.Primary ? "primary" : "replica",
            [ContainerLabels.Node] = spec.Name,
        };

        // Never disposed on success: disposing a Testcontainers container removes it, and these must
        // run until `down`. On failure the caller removes them by label.
        var container = ContainerNodeBuilder.Build(options, spec, $"replicabench-{topologyId}-{spec.Name}", labels, password, network);
        try
        {
            await container.StartAsync(cancellationToken);
        }
        catch (DockerApiException ex)
        {
            throw ContainerStartErrors.FromDocker(options.Image, imageWasLocal, spec.Name, DockerEngine.FirstLine(ex));
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !string.IsNullOrEmpty(TryId(container)))
        {
            // Testcontainers reports a container that stopped at once in its own words; the exit code
            // and log say why.
            var state = await engine.StateAsync(container.Id, CancellationToken.None);
            if (state is { State: not "running" })
            {
                throw ContainerStartErrors.FromExit(options.Image, spec.Name, state.Value.ExitCode, await ContainerReadiness.LogAsync(container));
            }

            throw new TopologyException($"{spec.Name} container did not start: {DockerEngine.FirstLine(ex)}", ex);
        }

        var port = network is null ? spec.ServerPort : container.GetMappedPublicPort(ContainerNodeBuilder.BridgeServerPort);
        return (container, port);
    }

    private static string? TryId(IContainer container)
    {
        try
        {
            return container.Id;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
