using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using Npgsql;

namespace ReplicaBench.Routing;

/// <summary>
/// Runs one virtual user's statement against its <see cref="OperationDeadline"/>: whichever ends
/// first ends the user's wait. At the deadline the user gets a <see cref="TimeoutException"/> at
/// once and the statement is abandoned with its connection: it finishes in the background, where
/// its result or exception is observed and its connection (and the commands prepared on it) are
/// disposed. The user never sees that connection again (<see cref="SessionConnections"/> forgets it).
/// </summary>
/// <remarks>
/// <para>Why abandon rather than wait: Npgsql 10 ends a cancelled statement only after its cancel
/// request, sent synchronously on a new connection to the same server, has been answered or has
/// timed out, and a frozen (SIGSTOP) server accepts that TCP connection but never answers it, so
/// the wait is twice the connect timeout (measured: a 2 s deadline ended the statement at 4 s with
/// <c>Timeout=1</c>, at 8 s with <c>Timeout=3</c>; <c>Cancellation Timeout</c> changed nothing).
/// There is no safe way to break a connection from another thread: <see cref="NpgsqlConnection"/>
/// is not thread-safe, and its Close on a connection whose read is in flight would reset the
/// connector and return it to the pool while that read still runs; the socket is not exposed; and
/// clearing the data source closes only idle connections. So the connection is left to Npgsql's own
/// cancellation, which breaks it once the cancel request times out (or leaves it at ReadyForQuery if
/// the server did cancel), and only then is it disposed: it is never handed out while in flight.</para>
/// <para>The steady path allocates nothing: one race per virtual user is reused for every
/// statement that does not complete synchronously, and completes the user's wait inline on the
/// thread that completed the statement, as a direct await would. Only an abandoned race is
/// replaced (it then belongs to its statement until that ends).</para>
/// </remarks>
internal sealed class StatementRace<T> : IValueTaskSource<T>, IAbandonable
{
    private const int Running = 0;
    private const int Completed = 1;
    private const int Abandoned = 2;

    private readonly DeadlineRaces _owner;
    private readonly OperationDeadline _deadline;
    private readonly Action _statementEnded;
    private ManualResetValueTaskSourceCore<T> _core;
    private ConfiguredValueTaskAwaitable<T>.ConfiguredValueTaskAwaiter _statement;
    private NpgsqlConnection? _connection;
    private IAsyncDisposable? _companion;
    private int _node;
    private int _state = Completed;

    public StatementRace(DeadlineRaces owner, OperationDeadline deadline)
    {
        _owner = owner;
        _deadline = deadline;
        _statementEnded = StatementEnded;
    }

    public bool WasAbandoned => Volatile.Read(ref _state) == Abandoned;

    /// <summary>
    /// Races <paramref name="statement"/> (not completed yet) on <paramref name="connection"/> to
    /// <paramref name="node"/> against the deadline; <paramref name="companion"/> is disposed with
    /// the connection if the statement is abandoned (the commands prepared on it).
    /// </summary>
    public ValueTask<T> Start(ValueTask<T> statement, NpgsqlConnection connection, int node, IAsyncDisposable? companion)
    {
        _core.Reset();
        _core.RunContinuationsAsynchronously = false;
        (_connection, _companion, _node) = (connection, companion, node);
        _statement = statement.ConfigureAwait(false).GetAwaiter();
        Volatile.Write(ref _state, Running);
        _statement.UnsafeOnCompleted(_statementEnded);
        if (_deadline.Watch(this))
        {
            // The deadline had already fired (the open took the whole timeout).
            Abandon();
        }

        return new ValueTask<T>(this, _core.Version);
    }

    public void Abandon()
    {
        if (Interlocked.CompareExchange(ref _state, Abandoned, Running) != Running)
        {
            return;
        }

        _owner.Started();
        // Called on the deadline's timer thread: the user's code continues on the thread pool, not there.
        _core.RunContinuationsAsynchronously = true;
        _core.SetException(new TimeoutException(string.Create(
            CultureInfo.InvariantCulture, $"the statement was abandoned at the operation deadline of {_deadline.Timeout?.TotalSeconds:0.###} s")));
    }

    public T GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void StatementEnded()
    {
        if (Interlocked.CompareExchange(ref _state, Completed, Running) == Running)
        {
            T result;
            try
            {
                result = _statement.GetResult();
            }
            catch (Exception ex)
            {
                _core.SetException(ex);
                return;
            }

            _core.SetResult(result);
            return;
        }

        _ = CleanUpAbandonedAsync();
    }

    /// <summary>The abandoned statement has ended: observe how, then dispose what it held. Never throws.</summary>
    private async Task CleanUpAbandonedAsync()
    {
        try
        {
            _statement.GetResult();
        }
        catch (Exception)
        {
            // Expected: the deadline's cancellation ended it (or broke its connection). Observed here, so never unobserved.
        }

        var connection = _connection!;
        try
        {
            if (_companion is { } companion)
            {
                await companion.DisposeAsync();
            }

            if ((connection.FullState & ConnectionState.Open) != 0)
            {
                // The server did answer the cancel, so the connection is usable; it is closed all the
                // same rather than pooled (the node just took longer than the deadline): clearing the
                // node's pool makes Npgsql close it when it is returned, as it does itself on a break.
                _owner.ClearPool(_node);
            }

            await connection.DisposeAsync();
        }
        catch (Exception ex) when (Router.IsOperationFailure(ex) || ex is InvalidOperationException or ObjectDisposedException)
        {
            // Disposing a broken connection, or one whose pool the cell's end already disposed: nothing is left to release.
        }
        finally
        {
            _owner.Ended();
        }
    }
}
