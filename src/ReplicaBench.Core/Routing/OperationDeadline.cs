using System.Globalization;

namespace ReplicaBench.Routing;

/// <summary>
/// The client-side deadline of one virtual user's operations (<see cref="RouterOptions.OperationTimeout"/>):
/// a token that the run's stop cancels and that is also cancelled when an operation, its
/// connection's opening included, has not ended within the timeout. It is the only thing that ends
/// an operation on a server that is frozen (SIGSTOP) or whose port has stopped answering: TCP stays
/// up there, so no socket error ever arrives.
/// </summary>
/// <remarks>
/// <para>The timer does not cancel the token itself: it hands the cancellation to a thread of its
/// own (<see cref="CancellationThread"/>). Npgsql 10 cancels a statement by sending a cancel request
/// from inside the token's callback, synchronously, and on a frozen server that request waits up to
/// twice the connect timeout for an answer that never comes (measured: the token at 2.0 s, the
/// statement ended at 6.0 s with a 2 s connect timeout).</para>
/// <para>A statement raced against the deadline (<see cref="Watch"/>, <see cref="StatementRace{T}"/>)
/// is abandoned when it fires, on the timer thread before the cancellation is handed on: the
/// virtual user gets its timeout at the deadline, not when Npgsql's cancel request gives up.</para>
/// <para>One linked source per virtual user, re-armed for each operation and reset after it: an
/// operation that ends in time allocates nothing. After a deadline fired (or the run stopped) a new
/// source is made, and the old one is left to the collector (a cancellation may still be running on
/// it). Not thread-safe: one user, one operation at a time.</para>
/// </remarks>
internal sealed class OperationDeadline : IDisposable
{
    private const int Idle = 0;
    private const int Armed = 1;
    private const int Fired = 2;

    private readonly Timer? _timer;
    private CancellationTokenSource? _source;
    private IAbandonable? _watcher;
    private CancellationToken _run;
    private int _state;
    private long _armedAt;

    public OperationDeadline(TimeSpan? timeout)
    {
        Timeout = timeout;
        if (timeout is not null)
        {
            // Fired on the timer thread, which only hands the cancellation on (see the remarks).
            _timer = new Timer(static state => ((OperationDeadline)state!).Fire(), this, System.Threading.Timeout.Infinite, System.Threading.Timeout.Infinite);
        }
    }

    /// <summary>The timeout, or null when operations only end when the run stops (tools, tests).</summary>
    public TimeSpan? Timeout { get; }

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

        Volatile.Write(ref _armedAt, System.Diagnostics.Stopwatch.GetTimestamp());
        Volatile.Write(ref _state, Armed);
        _timer!.Change(timeout, System.Threading.Timeout.InfiniteTimeSpan);
        return _source.Token;
    }

    /// <summary>True when the deadline, not the run's stop, cancelled the operation in progress.</summary>
    public bool HasExpired => Volatile.Read(ref _state) == Fired && !_run.IsCancellationRequested;

    /// <summary>
    /// What a failure is counted as: a <see cref="TimeoutException"/> naming the deadline when it
    /// fired (Npgsql reports it as a cancellation, or as the connection its cancel broke), else itself.
    /// </summary>
    public Exception Explain(Exception exception) => HasExpired
        ? new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"no answer within the operation timeout of {Timeout!.Value.TotalSeconds:0.###} s (--op-timeout)"), exception)
        : exception;

    /// <summary>
    /// Makes <paramref name="statement"/> the one the deadline abandons when it fires. Returns true
    /// when it has already fired (the caller abandons it then).
    /// </summary>
    public bool Watch(IAbandonable statement)
    {
        // A full fence between publishing the statement and reading the state, as Fire has between
        // setting the state and reading the statement: one of the two always sees the other.
        Interlocked.Exchange(ref _watcher, statement);
        return Volatile.Read(ref _state) == Fired;
    }

    /// <summary>Disarms the deadline after an operation; a source that was cancelled is replaced at the next <see cref="Begin"/>.</summary>
    public void End()
    {
        if (Timeout is null)
        {
            return;
        }

        _timer!.Change(System.Threading.Timeout.Infinite, System.Threading.Timeout.Infinite);
        Volatile.Write(ref _watcher, null);
        if (Interlocked.Exchange(ref _state, Idle) == Fired || _source is { IsCancellationRequested: true })
        {
            _source = null;
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        if (Volatile.Read(ref _state) != Fired)
        {
            _source?.Dispose();
        }

        _source = null;
    }

    private void Fire()
    {
        // A timer callback already on its way when the operation ended may arrive during the next
        // one, and a timer may fire a little early: only an operation that has run for the whole
        // timeout is cancelled, and one that has not yet is given the rest.
        var remaining = Timeout!.Value - System.Diagnostics.Stopwatch.GetElapsedTime(Volatile.Read(ref _armedAt));
        if (remaining > TimeSpan.Zero)
        {
            if (Volatile.Read(ref _state) == Armed)
            {
                _timer!.Change(remaining, System.Threading.Timeout.InfiniteTimeSpan);
            }

            return;
        }

        if (Interlocked.CompareExchange(ref _state, Fired, Armed) == Armed && _source is { } source)
        {
            Volatile.Read(ref _watcher)?.Abandon();
            CancellationThread.Cancel(source);
        }
    }
}
