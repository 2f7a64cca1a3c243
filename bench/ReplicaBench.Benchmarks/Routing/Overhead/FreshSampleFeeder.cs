using ReplicaBench.Routing;

namespace ReplicaBench.Benchmarks.Routing.Overhead;

/// <summary>
/// Keeps the board's replica samples fresh (lag 0, caught up to the seeded LSN)
/// every 10 ms, as a load run's ReplicaMonitor does, but without querying the servers: least-lag and
/// bounded-staleness then take their replica paths, and no monitor queries add CPU that differs
/// between passes. It runs through every pass, the baseline's too, so its own small cost cancels.
/// </summary>
internal sealed class FreshSampleFeeder : IDisposable
{
    private readonly Timer _timer;

    public FreshSampleFeeder(NodeStateBoard board, ulong replayedLsn)
    {
        void Feed()
        {
            board.SetPrimaryLsn(replayedLsn);
            for (var replica = 0; replica < board.ReplicaCount; replica++)
            {
                board.SetReplicaSample(replica, replayedLsn, lagMicroseconds: 0);
            }
        }

        Feed();
        _timer = new Timer(_ => Feed(), null, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10));
    }

    public void Dispose() => _timer.Dispose();
}
