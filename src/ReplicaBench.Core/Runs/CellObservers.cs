using System.Threading.Channels;
using ReplicaBench.Engine.Telemetry;
using ReplicaBench.Measurement;
using ReplicaBench.Results;
using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Runs;

/// <summary>
/// What samples the servers during a cell: a <see cref="ReplicaMonitor"/> feeding the router's board
/// and a <see cref="LagSampler"/> recording server lag. A failover moves the primary, so both can be
/// restarted (<see cref="RepointAsync"/>): the monitor on a view with the board's replica slots
/// unchanged, the sampler on the replicas that still follow; the lag goes on one list either way.
/// </summary>
internal sealed class CellObservers
{
    private readonly NodeStateBoard _board;
    private readonly long _origin;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationToken _cancellationToken;
    private readonly bool _sampleLag;
    private readonly Dictionary<string, double> _latest = new(StringComparer.Ordinal);
    private Sampling? _current;

    private CellObservers(NodeStateBoard board, long origin, TimeProvider timeProvider, bool sampleLag, CancellationToken cancellationToken)
    {
        _sampleLag = sampleLag;
        _board = board;
        _origin = origin;
        _timeProvider = timeProvider;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Server lag samples as taken, T in seconds from the observers' origin (see <see cref="OnMeasuredWindow"/>).</summary>
    public List<ReplicaLagPoint> Lag { get; } = [];

    /// <summary>
    /// Starts sampling <paramref name="topology"/> into <paramref name="board"/>; lag times count from <paramref name="origin"/>.
    /// Without <paramref name="sampleLag"/> (a shard other than 1) only the monitor runs: the router
    /// still needs the board, while the server lag is recorded once, by shard 1.
    /// </summary>
    public static CellObservers Start(TopologyDescriptor topology, NodeStateBoard board, long origin, TimeProvider timeProvider, CancellationToken cancellationToken, bool sampleLag = true)
    {
        var observers = new CellObservers(board, origin, timeProvider, sampleLag, cancellationToken);
        observers._current = observers.StartOn(topology, topology);
        return observers;
    }

    /// <summary>
    /// The samples taken inside the measured window that began at <paramref name="measuredStart"/>
    /// and lasted <paramref name="measured"/>, on the cell's timeline (see <see cref="LagTimeline"/>).
    /// Call after <see cref="StopAsync"/>.
    /// </summary>
    public List<ReplicaLagPoint> OnMeasuredWindow(long measuredStart, TimeSpan measured)
    {
        lock (Lag)
        {
            return LagTimeline.Place(Lag, _origin, measuredStart, measured, _timeProvider.TimestampFrequency);
        }
    }

    /// <summary>The latest server replay lag (ms) per replica, for the progress display.</summary>
    public Dictionary<string, double> LatestLag()
    {
        lock (Lag)
        {
            return new Dictionary<string, double>(_latest, StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// Stops sampling and starts again: the monitor on <paramref name="boardView"/> (the same
    /// replicas in the same order as the board), the lag sampler on <paramref name="topology"/> (the
    /// replicas that follow now: a promoted or left-out replica has no replication lag to report).
    /// </summary>
    public async Task RepointAsync(TopologyDescriptor boardView, TopologyDescriptor topology)
    {
        await StopAsync();
        _current = StartOn(boardView, topology);
    }

    /// <summary>Stops sampling and waits until every sample taken is on <see cref="Lag"/>.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _current, null) is { } sampling)
        {
            await sampling.StopAsync();
        }
    }

    private Sampling? StartOn(TopologyDescriptor boardView, TopologyDescriptor topology)
    {
        // The live lag gauge shows the replicas sampled from now on, not the last cell's or a promoted one.
        ReplicaLagReadings.Shared.KeepOnly(topology.Replicas.Select(r => r.Name));
        return boardView.Replicas.Count == 0 ? null : new Sampling(this, boardView, topology);
    }

    private async Task CollectAsync(ChannelReader<LagSample> reader)
    {
        await foreach (var sample in reader.ReadAllAsync())
        {
            foreach (var replica in sample.Replicas)
            {
                var replayMs = replica.ReplayLag?.TotalMilliseconds;
                PublishLag(replica);
                lock (Lag)
                {
                    Lag.Add(new ReplicaLagPoint(sample.Elapsed.TotalSeconds, replica.Name, replayMs, replica.ReplayLagBytes, replica.LastReplayAge?.TotalMilliseconds));
                    if (replayMs is { } ms)
                    {
                        _latest[replica.Name] = ms;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The live <c>replicabench_replica_lag_seconds</c> gauge: the replay lag, or 0 when the primary
    /// reports none for a streaming replica (PostgreSQL nulls it once the standby has caught up and
    /// the primary is idle); an unreadable replica keeps its last reading.
    /// </summary>
    private static void PublishLag(ReplicaLagFigures replica)
    {
        if (replica.ReplayLag is { } lag)
        {
            ReplicaLagReadings.Shared.Set(replica.Name, lag.TotalSeconds);
        }
        else if (replica.State == "streaming")
        {
            ReplicaLagReadings.Shared.Set(replica.Name, 0);
        }
    }

    /// <summary>One monitor and one sampler on one view of the topology, with the task collecting the sampler's output.</summary>
    private sealed class Sampling
    {
        private readonly CancellationTokenSource _stop;
        private readonly LagSampler? _sampler;
        private readonly Channel<LagSample> _samples = Channel.CreateUnbounded<LagSample>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Task _monitor;
        private readonly Task _sampling;
        private readonly Task _collect;

        public Sampling(CellObservers owner, TopologyDescriptor boardView, TopologyDescriptor topology)
        {
            _stop = CancellationTokenSource.CreateLinkedTokenSource(owner._cancellationToken);
            _sampler = owner._sampleLag ? new LagSampler(topology, new LagSamplerOptions { OriginTimestamp = owner._origin }, owner._timeProvider) : null;
            _monitor = new ReplicaMonitor(boardView, owner._board, timeProvider: owner._timeProvider).RunAsync(_stop.Token);
            _sampling = _sampler?.RunAsync(_samples.Writer, _stop.Token) ?? Task.CompletedTask;
            _collect = owner.CollectAsync(_samples.Reader);
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await IgnoreCancellation(_monitor);
            await IgnoreCancellation(_sampling);
            _samples.Writer.TryComplete();
            await _collect;
            if (_sampler is not null)
            {
                await _sampler.DisposeAsync();
            }

            _stop.Dispose();
        }

        private static async Task IgnoreCancellation(Task task)
        {
            try
            {
                await task;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
