namespace ReplicaBench.Benchmarks.Routing.Overhead;

/// <summary>One closed-loop reader's way of running a point read: its own connection and prepared command, used by one task at a time.</summary>
public interface IPointReader : IAsyncDisposable
{
    ValueTask ReadAsync(long key, CancellationToken cancellationToken);
}
