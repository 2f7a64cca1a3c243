using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ReplicaBench.Topology;

/// <summary>
/// A topology for as long as a program needs it: either one already up in a state dir, used as it
/// is and left running, or one provisioned now in a private temporary state dir and taken down when
/// the lease ends (dispose, Ctrl+C, SIGTERM), its state dir removed.
/// </summary>
public sealed class TopologyLease : IAsyncDisposable
{
    /// <summary>The state dirs of topologies provisioned by leases of this process and not yet taken down.</summary>
    private static readonly ConcurrentDictionary<string, byte> Provisioned = new(StringComparer.Ordinal);

    private readonly TopologyStateDirectory? _owned;
    private readonly Action<string> _step;
    private readonly List<PosixSignalRegistration> _signals = [];
    private Task? _release;

    private readonly int? _replicaLimit;

    private TopologyLease(TopologyDescriptor descriptor, TopologyStateDirectory stateDirectory, TopologyStateDirectory? owned, Action<string> step, int? replicaLimit = null)
    {
        (StateDirectory, _owned, _step, _replicaLimit) = (stateDirectory, owned, step, replicaLimit);
        Descriptor = replicaLimit is { } limit ? descriptor.WithFirstReplicas(limit) : descriptor;
    }

    /// <summary>The topology as it was when the lease was taken (a fault schedule may change it: the state dir has the current one).</summary>
    public TopologyDescriptor Descriptor { get; }

    /// <summary>Where the topology is recorded: the private state dir, or the user's.</summary>
    public TopologyStateDirectory StateDirectory { get; }

    /// <summary>
    /// The state dirs of the topologies this process provisioned and has not taken down yet: what a
    /// process stopped at once (a second Ctrl+C) tells its user to remove with <c>topology down</c>.
    /// </summary>
    public static IReadOnlyList<string> OwnedStateDirectories => [.. Provisioned.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Whether this lease brought the topology up (and so takes it down).</summary>
    public bool Owned => _owned is not null;

    /// <summary>
    /// Uses the topology that is up in <paramref name="existing"/>; the lease leaves it running. With
    /// <paramref name="replicas"/>, only its first that many replicas are part of the lease (<see cref="TopologyDescriptor.WithFirstReplicas"/>).
    /// </summary>
    public static TopologyLease UseExisting(TopologyStateDirectory existing, Action<string>? step = null, int? replicas = null) =>
        new(existing.Read(), existing, owned: null, step ?? (_ => { }), replicas);

    /// <summary>The topology as the state dir records it now, with the lease's replicas only.</summary>
    public TopologyDescriptor Current()
    {
        var current = StateDirectory.Read();
        return _replicaLimit is { } limit ? current.WithFirstReplicas(Math.Min(limit, current.Replicas.Count)) : current;
    }

    /// <summary>
    /// Brings a topology up in a new private state dir under the temp folder (named
    /// <paramref name="prefix"/> plus a random suffix), which <paramref name="step"/> is told. A failed
    /// or cancelled up leaves nothing behind; after a process that held the lease was killed, a
    /// <c>topology down</c> on that state dir removes what it left.
    /// </summary>
    /// <param name="provider"></param>
    /// <param name="request"></param>
    /// <param name="prefix"></param>
    /// <param name="step">Told, in words, what the lease does (provisioning, tearing down).</param>
    /// <param name="cancellationToken"></param>
    public static async Task<TopologyLease> ProvisionAsync(
        ITopologyProvider provider, TopologyRequest request, string prefix, Action<string>? step, CancellationToken cancellationToken)
    {
        step ??= _ => { };
        var directory = new TopologyStateDirectory(Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]));
        // The state dir is named so that a run killed before it could take its servers down (SIGKILL,
        // a crash) can be cleaned up: 'topology down --state-dir' on it stops and removes what is left.
        step($"provisioning a {provider.Name} topology with {request.Replicas} replica(s) in state dir {directory.Path} (if this process is killed, 'replicabench topology down --state-dir {directory.Path}' removes what it left)");
        try
        {
            Provisioned[directory.Path] = 0;
            var descriptor = await TopologyLifecycle.UpAsync(provider, request, directory, cancellationToken);
            return new TopologyLease(descriptor, directory, directory, step);
        }
        catch
        {
            // A failed or cancelled up stops its servers itself; the private state dir is ours to remove.
            DeleteQuietly(directory.Path);
            Provisioned.TryRemove(directory.Path, out _);
            throw;
        }
    }

    /// <summary>
    /// Also ends an owned lease on SIGINT and SIGTERM, for a process whose children use the
    /// topology and that may be stopped before it can dispose (the benchmark host).
    /// </summary>
    public TopologyLease ReleaseOnSignals()
    {
        if (_owned is not null)
        {
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            {
                // Synchronous on purpose: a signal handler must finish before the process exits.
                _signals.Add(PosixSignalRegistration.Create(signal, _ => ReleaseAsync().GetAwaiter().GetResult()));
            }
        }

        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }
    }

    /// <summary>
    /// Takes an owned topology down once, whoever asks first (dispose or a signal); every caller
    /// awaits the same teardown. It runs on a pool thread of its own: dispose often runs inline in
    /// the continuation of a load's last operation, and a teardown waited for there deadlocked.
    /// </summary>
    private Task ReleaseAsync()
    {
        if (_owned is null)
        {
            return Task.CompletedTask;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _release, started.Task, null) is { } running)
        {
            return running;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                _step($"tearing down the {Descriptor.Replicas.Count}-replica topology");
                // Down reads the state dir, so a topology a failover reshaped goes down whole.
                await TopologyLifecycle.DownAsync(_owned, CancellationToken.None);
                DeleteQuietly(_owned.Path);
                Provisioned.TryRemove(_owned.Path, out _);
                started.SetResult();
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        });
        return started.Task;
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
