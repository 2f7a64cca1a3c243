namespace ReplicaBench.Routing;

/// <summary>
/// Brings replicas back into rotation: on every tick, each replica marked down on the board is
/// probed, and marked up when the probe succeeds. Kept apart from <see cref="Router"/> so that the
/// schedule can be tested on a fake clock with a fake probe.
/// </summary>
internal sealed class ReplicaRechecker(NodeStateBoard board, Func<int, CancellationToken, Task<bool>> probe, Action<int> markedUp)
{
    /// <summary>Probes every replica that is down, one after the other, and marks up those that answer.</summary>
    public async Task CheckOnceAsync(CancellationToken cancellationToken)
    {
        for (var replica = 0; replica < board.ReplicaCount; replica++)
        {
            if (!board.IsMarkedDown(replica) || !await probe(replica, cancellationToken))
            {
                continue;
            }

            board.MarkUp(replica);
            markedUp(replica);
        }
    }

    /// <summary>Runs <see cref="CheckOnceAsync"/> every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await CheckOnceAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
