namespace ReplicaBench.Routing;

/// <summary>
/// The router's count of statements given up on at their deadline that are still running, each
/// holding its connection until Npgsql's own cancellation ends it (at most
/// <see cref="RouterOptions.AbandonedStatementLifetime"/> later). The router waits for them, that
/// long at most, before it disposes its pools, so a cell never ends with a connection still in use.
/// </summary>
internal sealed class AbandonedStatements
{
    private readonly Lock _lock = new();
    private long _inFlight;
    private long _total;
    private TaskCompletionSource? _drained;

    /// <summary>Abandoned statements still running.</summary>
    public long InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Statements abandoned since the router was made.</summary>
    public long Total => Volatile.Read(ref _total);

    public void Started()
    {
        lock (_lock)
        {
            _inFlight++;
            _total++;
        }
    }

    public void Ended()
    {
        TaskCompletionSource? drained = null;
        lock (_lock)
        {
            if (--_inFlight == 0)
            {
                (drained, _drained) = (_drained, null);
            }
        }

        drained?.TrySetResult();
    }

    /// <summary>
    /// Waits until none is running, at most <see cref="RouterOptions.AbandonedStatementLifetime"/> of
    /// <paramref name="operationTimeout"/> + 1 s (none is abandoned without one); true when none is.
    /// </summary>
    public async Task<bool> WaitUntilNoneAsync(TimeSpan? operationTimeout)
    {
        Task drained;
        lock (_lock)
        {
            if (_inFlight == 0)
            {
                return true;
            }

            drained = (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        try
        {
            var bound = operationTimeout is { } timeout ? RouterOptions.AbandonedStatementLifetime(timeout) + TimeSpan.FromSeconds(1) : TimeSpan.Zero;
            await drained.WaitAsync(bound);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
