using System.Globalization;

namespace ReplicaBench.Routing;

/// <summary>
/// The client-side deadline of one virtual user's operations (<see cref="RouterOptions.OperationTimeout"/>):
/// a token that the run's stop cancels and that also cancels itself when an operation, its
/// connection's opening included, has not ended within the timeout. It is the only thing that ends
/// an operation on a server that is frozen (SIGSTOP) or whose port has stopped answering: TCP stays
/// up there, so no socket error ever arrives.
/// </summary>
/// <remarks>
/// One linked source per virtual user, re-armed for each operation and reset after it: an operation
/// that ends in time allocates nothing. Only after a deadline fired (or the run stopped) is a new
/// source made. Not thread-safe: one user, one operation at a time.
/// </remarks>
internal sealed class OperationDeadline(TimeSpan? timeout) : IDisposable
{
    private CancellationTokenSource? _source;
    private CancellationToken _run;

    /// <summary>The timeout, or null when operations only end when the run stops (tools, tests).</summary>
    public TimeSpan? Timeout { get; } = timeout;

    /// <summary>Arms the deadline for one operation and returns the token it runs with.</summary>
    public CancellationToken Begin(CancellationToken run)
    {
        if (Timeout is not { } timeout)
        {
            return run;
        }

        if (_source is null || _run != run)
        {
            _source?.Dispose();
            _source = CancellationTokenSource.CreateLinkedTokenSource(run);
            _run = run;
        }

        _source.CancelAfter(timeout);
        return _source.Token;
    }

    /// <summary>True when the deadline, not the run's stop, cancelled the operation in progress.</summary>
    public bool HasExpired => _source is { IsCancellationRequested: true } && !_run.IsCancellationRequested;

    /// <summary>
    /// What a failure is counted as: a <see cref="TimeoutException"/> naming the deadline when it
    /// fired (Npgsql reports it as a cancellation, or as the connection its cancel broke), else itself.
    /// </summary>
    public Exception Explain(Exception exception) => HasExpired
        ? new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"no answer within the operation timeout of {Timeout!.Value.TotalSeconds:0.###} s (--op-timeout)"), exception)
        : exception;

    /// <summary>Disarms the deadline after an operation; a source that fired is replaced at the next <see cref="Begin"/>.</summary>
    public void End()
    {
        if (_source is not null && !_source.TryReset())
        {
            _source.Dispose();
            _source = null;
        }
    }

    public void Dispose()
    {
        _source?.Dispose();
        _source = null;
    }
}
