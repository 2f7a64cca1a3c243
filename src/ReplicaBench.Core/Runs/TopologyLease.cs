using System.Globalization;
using ReplicaBench.Topology;

namespace ReplicaBench.Runs;

/// <summary>
/// A topology for the cells of one replica count: either provisioned now in a private temporary
/// state dir (and taken down on dispose, also after Ctrl+C), or the one already up in the user's
/// state dir (left running).
/// </summary>
internal sealed class TopologyLease : IAsyncDisposable
{
    private readonly TopologyStateDirectory? _owned;
    private readonly IMatrixProgress _progress;

    private TopologyLease(TopologyDescriptor descriptor, TopologyStateDirectory stateDirectory, TopologyStateDirectory? owned, IMatrixProgress progress)
    {
        Descriptor = descriptor;
        StateDirectory = stateDirectory;
        _owned = owned;
        _progress = progress;
    }

    /// <summary>The topology as it was when the lease was taken (a fault schedule may change it: the state dir has the current one).</summary>
    public TopologyDescriptor Descriptor { get; }

    /// <summary>Where the topology is recorded: the private state dir, or the user's.</summary>
    public TopologyStateDirectory StateDirectory { get; }

    public static async Task<TopologyLease> AcquireAsync(LoadMatrixSettings settings, int replicas, IMatrixProgress progress, CancellationToken cancellationToken)
    {
        if (settings.StateDirectory is { } existing)
        {
            progress.Step($"using the topology in {existing.Path}");
            return new TopologyLease(existing.Read(), existing, owned: null, progress);
        }

        var directory = new TopologyStateDirectory(Path.Combine(Path.GetTempPath(), "replicabench-load-" + Guid.NewGuid().ToString("N")[..12]));
        progress.Step(string.Create(CultureInfo.InvariantCulture, $"provisioning a {settings.Provider} topology with {replicas} replica(s)"));
        try
        {
            var descriptor = await TopologyLifecycle.UpAsync(
                TopologyProviders.Create(settings.Provider), new TopologyRequest(replicas, settings.ApplyDelays, settings.NodeBudget), directory, cancellationToken);
            return new TopologyLease(descriptor, directory, directory, progress);
        }
        catch
        {
            // A failed or cancelled up stops its servers itself; the private state dir is ours to remove.
            DeleteQuietly(directory.Path);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is null)
        {
            return;
        }

        _progress.Step(string.Create(CultureInfo.InvariantCulture, $"tearing down the {Descriptor.Replicas.Count}-replica topology"));

        // Down reads the state dir, so a topology a failover reshaped goes down whole.
        await TopologyLifecycle.DownAsync(_owned, CancellationToken.None);
        DeleteQuietly(_owned.Path);
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
