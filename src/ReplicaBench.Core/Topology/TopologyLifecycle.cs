using ReplicaBench.Topology.Settings;

namespace ReplicaBench.Topology;

/// <summary>
/// Brings topologies up and down through a state dir: the one place that checks the state dir,
/// refuses a second <c>up</c>, records topology.json, and removes it on <c>down</c>. The CLI,
/// benchmarks, load runs and tests all go through here.
/// </summary>
public static class TopologyLifecycle
{
    /// <summary>
    /// Brings a topology up, records it, and applies <see cref="TopologyRequest.ServerSettings"/>;
    /// <paramref name="progress"/> gets one line per node those settings changed.
    /// </summary>
    public static async Task<TopologyDescriptor> UpAsync(
        ITopologyProvider provider,
        TopologyRequest request,
        TopologyStateDirectory stateDirectory,
        CancellationToken cancellationToken,
        Action<string>? progress = null)
    {
        stateDirectory.EnsureWritable();
        if (stateDirectory.HasTopology)
        {
            throw new BadInputException(
                $"a topology is already up in {stateDirectory.Path}; take it down with 'replicabench topology down --state-dir {stateDirectory.Path}' or pass another --state-dir.");
        }

        var topology = await provider.UpAsync(request, stateDirectory.Path, cancellationToken);
        try
        {
            stateDirectory.Write(topology);
        }
        catch
        {
            await provider.DownAsync(topology, CancellationToken.None);
            throw;
        }

        if (request.ServerSettings.IsEmpty)
        {
            return topology;
        }

        try
        {
            // Settings need running servers (PostgreSQL judges names and values): a refused one takes the topology down again.
            foreach (var line in await ServerSettingsApplier.ApplyAsync(stateDirectory, request.ServerSettings, cancellationToken))
            {
                progress?.Invoke(line);
            }

            return stateDirectory.Read();
        }
        catch
        {
            await DownAsync(stateDirectory, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Stops the topology recorded in the state dir and forgets it.</summary>
    public static Task<TopologyDescriptor> DownAsync(TopologyStateDirectory stateDirectory, CancellationToken cancellationToken) =>
        DownAsync(stateDirectory, TopologyDownOptions.Default, cancellationToken);

    /// <summary>Stops the topology recorded in the state dir (external: drops the suite schema if asked) and forgets it.</summary>
    public static async Task<TopologyDescriptor> DownAsync(TopologyStateDirectory stateDirectory, TopologyDownOptions options, CancellationToken cancellationToken)
    {
        var topology = stateDirectory.Read();
        var provider = TopologyProviders.Create(topology.Provider, down: options);
        await provider.DownAsync(topology, cancellationToken);
        stateDirectory.Delete();
        return topology;
    }
}
