using System.Diagnostics;
using Npgsql;
using ReplicaBench.Topology.Containers;

namespace ReplicaBench.Topology.Faults;

/// <summary>
/// Faults on a <c>containers</c> topology through the Docker engine it was made on: a kill is
/// <c>docker kill</c> (SIGKILL to the postmaster, the container's main process), a fence
/// <c>docker stop</c> (the containers' stop signal is SIGINT, PostgreSQL's fast shutdown), a restart
/// <c>docker start</c> (the entry script starts the server on the data directory the container kept).
/// </summary>
internal sealed class ContainerTopologyFaults : ServerFaults
{
    private static readonly TimeSpan AcceptTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FenceTimeout = TimeSpan.FromSeconds(30);

    private readonly ContainerTopologyDetails _details;

    public ContainerTopologyFaults(TopologyStateDirectory stateDirectory, TopologyDescriptor topology)
        : base(stateDirectory, topology)
    {
        _details = topology.Containers
            ?? throw new TopologyException("topology.json has no 'containers' section; it was not made by the containers provider.");
    }

    /// <summary>
    /// Where the servers reach one another: with host networking every server listens on its own
    /// loopback port; on a bridge network they reach each other by node name (the network alias)
    /// on the server port inside the containers.
    /// </summary>
    internal static (string Host, int Port) ReplicationAddress(ContainerNetworkMode network, TopologyNode node) =>
        network == ContainerNetworkMode.Host ? ("127.0.0.1", node.Port) : (node.Name, ContainerNodeBuilder.BridgeServerPort);

    /// <summary>The container that runs <paramref name="node"/>, by the record <c>up</c> wrote.</summary>
    internal static string ContainerId(ContainerTopologyDetails details, string node) =>
        details.Containers.FirstOrDefault(c => string.Equals(c.Node, node, StringComparison.Ordinal))?.Id
        ?? throw new TopologyException($"topology.json records no container for {node}; take the topology down and up again.");

    protected override async Task StopAsync(TopologyNode node, bool abrupt, CancellationToken cancellationToken)
    {
        using var engine = await ConnectAsync(cancellationToken);
        var id = ContainerId(_details, node.Name);
        if (abrupt)
        {
            await engine.KillAsync(id, cancellationToken);
        }
        else
        {
            await engine.StopAsync(id, FenceTimeout, cancellationToken);
        }
    }

    protected override async Task StartAsync(TopologyNode node, CancellationToken cancellationToken)
    {
        using (var engine = await ConnectAsync(cancellationToken))
        {
            await engine.StartAsync(ContainerId(_details, node.Name), cancellationToken);
        }

        await WaitUntilAcceptingAsync(node, cancellationToken);
    }

    protected override async Task FreezeAsync(TopologyNode node, bool frozen, CancellationToken cancellationToken)
    {
        using var engine = await ConnectAsync(cancellationToken);
        var id = ContainerId(_details, node.Name);
        await (frozen ? engine.PauseAsync(id, cancellationToken) : engine.UnpauseAsync(id, cancellationToken));
    }

    protected override (string Host, int Port) ReplicationAddress(TopologyNode node) => ReplicationAddress(_details.Network, node);

    protected override TopologyDescriptor Refresh(TopologyDescriptor topology) => topology;

    /// <summary>Faults run on the engine the topology was made on, as <c>down</c> does.</summary>
    private async Task<DockerEngine> ConnectAsync(CancellationToken cancellationToken)
    {
        var engine = await DockerEngine.ConnectAsync(cancellationToken);
        if (_details.DockerEndpoint is { } recorded && !string.Equals(recorded, engine.Endpoint, StringComparison.Ordinal))
        {
            engine.Dispose();
            throw new BadInputException(
                $"this topology runs on the Docker engine at {recorded}, but Docker is now found at {engine.Endpoint}; set DOCKER_HOST={recorded} and run again.");
        }

        return engine;
    }

    private static async Task WaitUntilAcceptingAsync(TopologyNode node, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = Connect(node);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                if (waited.Elapsed > AcceptTimeout)
                {
                    throw new TopologyException($"{node.Name} did not accept connections within {AcceptTimeout.TotalSeconds:0}s of its container starting again: {ConnectionErrors.Describe(ex)}", ex);
                }
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
