using System.Runtime.InteropServices;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.Benchmarks;

/// <summary>
/// Makes a topology available to the benchmark processes for the whole run. If one is up in the
/// state dir it is used as it is; otherwise a local primary with two replicas is brought up once,
/// here in the host process (not in every benchmark's own process: that would cost a topology
/// start per benchmark), and taken down at the end, on failure and on Ctrl+C/SIGTERM.
/// </summary>
public sealed class BenchTopologyLease : IAsyncDisposable
{
    private readonly TopologyStateDirectory? _owned;
    private readonly List<PosixSignalRegistration> _signals = [];
    private int _released;

    private BenchTopologyLease(TopologyDescriptor topology, TopologyStateDirectory? owned)
    {
        Topology = topology;
        _owned = owned;
        if (owned is not null)
        {
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            {
                _signals.Add(PosixSignalRegistration.Create(signal, _ => Release()));
            }
        }
    }

    public TopologyDescriptor Topology { get; }

    /// <summary>Whether this run brought the topology up (and so takes it down).</summary>
    public bool Owned => _owned is not null;

    public static async Task<BenchTopologyLease> AcquireAsync(TextWriter log, CancellationToken cancellationToken)
    {
        var existing = TopologyStateDirectory.Default();
        if (existing.HasTopology)
        {
            var topology = existing.Read();
            await log.WriteLineAsync($"Using the topology in {existing.Path} ({topology.Nodes.Count} node(s)).");
            return new BenchTopologyLease(topology, null);
        }

        // Fails with a one-line BadInputException before anything starts when PostgreSQL is missing.
        PostgresBinaries.Locate();
        var state = new TopologyStateDirectory(Directory.CreateTempSubdirectory("replicabench-bench-").FullName);
        await log.WriteLineAsync($"No topology is up in {existing.Path}: bringing up a local primary + 2 replicas for this run.");
        var started = await TopologyLifecycle.UpAsync(new LocalTopologyProvider(), new TopologyRequest(2), state, cancellationToken);

        // Benchmark processes inherit this and find the topology through it.
        Environment.SetEnvironmentVariable(TopologyStateDirectory.EnvironmentVariable, state.Path);
        return new BenchTopologyLease(started, state);
    }

    public ValueTask DisposeAsync()
    {
        Release();
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private void Release()
    {
        if (_owned is null || Interlocked.Exchange(ref _released, 1) == 1)
        {
            return;
        }

        // Synchronous on purpose: a signal handler must finish before the process exits.
        TopologyLifecycle.DownAsync(_owned, CancellationToken.None).GetAwaiter().GetResult();
        Directory.Delete(_owned.Path, recursive: true);
    }
}
