using ReplicaBench.Topology.Local;
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
    /// Brings a topology up, records it in <paramref name="stateDirectory"/>, and applies
    /// <see cref="TopologyRequest.ServerSettings"/>; <paramref name="settingsApplied"/> gets one line
    /// per node those settings changed. A state dir that still records a local topology whose servers
    /// are all dead (its owner was killed, the machine rebooted) is cleaned first, as <c>down</c>
    /// would, and <paramref name="note"/> is told; one with a server still running, or of another
    /// provider, is refused.
    /// </summary>
    /// <exception cref="BadInputException">A topology is up in the state dir.</exception>
    public static async Task<TopologyDescriptor> UpAsync(
        ITopologyProvider provider,
        TopologyRequest request,
        TopologyStateDirectory stateDirectory,
        CancellationToken cancellationToken,
        Action<string>? note = null,
        Action<string>? settingsApplied = null)
    {
        stateDirectory.EnsureWritable();
        if (stateDirectory.HasTopology)
        {
            var existing = stateDirectory.Read();
            if (existing.Local is not { } local || !AllServersDead(local))
            {
                throw new BadInputException(
                    $"a topology is already up in {stateDirectory.Path}; take it down with 'replicabench topology down --state-dir {stateDirectory.Path}' or pass another --state-dir.");
            }

            await DownAsync(stateDirectory, cancellationToken);
            note?.Invoke($"the topology recorded in {stateDirectory.Path} had no server running any more; its leftovers were removed");
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
                settingsApplied?.Invoke(line);
            }

            return stateDirectory.Read();
        }
        catch
        {
            await DownAsync(stateDirectory, CancellationToken.None);
            throw;
        }
    }

    /// <summary>No postmaster of the record runs, and no process names its data root (a server starting).</summary>
    private static bool AllServersDead(LocalTopologyDetails local) =>
        !local.PostmasterPids.Values.Any(pid => pid > 0 && LeftoverProcesses.IsAlive(pid)) && LeftoverProcesses.Under(local.DataRoot).Count == 0;

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
