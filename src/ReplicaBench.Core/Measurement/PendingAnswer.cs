namespace ReplicaBench.Measurement;

/// <summary>
/// One node's question that may still be waiting for its answer: a sampling round asks through
/// <see cref="Ask"/>, which starts a new query only once the previous one has ended. A round can
/// then give up waiting on a node without stopping its query, and the next round neither opens a
/// second connection to a server that is already struggling to answer the first (a CPU-starved
/// replica takes 1.5-2.9 s just to accept a connection, measured at 0.01 CPU under 3,000 writes/s)
/// nor uses the node's one <see cref="PreparedQuery"/> from two places at once.
/// </summary>
/// <remarks>Not thread-safe: one sampling loop, one round at a time.</remarks>
internal sealed class PendingAnswer<T>
{
    private Task<T>? _pending;

    /// <summary>The query in flight, or a new one from <paramref name="start"/> when none is.</summary>
    public Task<T> Ask(Func<Task<T>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (_pending is null || _pending.IsCompleted)
        {
            _pending = start();
        }

        return _pending;
    }

    /// <summary>
    /// Waits up to <paramref name="bound"/> for the query in flight to end, so that its node's
    /// connection can be closed after it; whatever it ended with is its asker's business.
    /// </summary>
    public async Task SettleAsync(TimeSpan bound)
    {
        if (_pending is { IsCompleted: false } pending)
        {
            // A query still waiting on a server that does not answer past the bound has its connection closed under it.
            await ((Task)pending.WaitAsync(bound)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
