using System.Threading.Tasks.Sources;

namespace ReplicaBench.Engine.Execution;

/// <summary>
/// The pacer wait for any clock other than the real one (a fake clock in tests): one reusable
/// timer of the provider, completing an allocation-free awaitable. Its continuation — the pacer
/// dispatching arrivals — runs inline where the timer fires, so a fake clock drives the whole
/// open model deterministically from the test's thread.
/// </summary>
internal sealed class TimerPacerWait : IPacerWait, IValueTaskSource<bool>, IDisposable
{
    private readonly RunClock _clock;
    private readonly ITimer _timer;
    private ManualResetValueTaskSourceCore<bool> _core;
    private int _armed;
    private int _stopRequested;

    public TimerPacerWait(RunClock clock)
    {
        _clock = clock;
        _timer = clock.Provider.CreateTimer(static s => ((TimerPacerWait)s!).TryComplete(true), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public ValueTask<bool> UntilAsync(long dueTimestamp)
    {
        if (Volatile.Read(ref _stopRequested) != 0)
        {
            return new ValueTask<bool>(false);
        }

        var remaining = dueTimestamp - _clock.Now;
        if (remaining <= 0)
        {
            return new ValueTask<bool>(true);
        }

        _core.Reset();
        Interlocked.Exchange(ref _armed, 1);
        _timer.Change(_clock.TimerDue(_clock.Between(0, remaining)), Timeout.InfiniteTimeSpan);
        if (Volatile.Read(ref _stopRequested) != 0)
        {
            TryComplete(false);
        }

        return new ValueTask<bool>(this, _core.Version);
    }

    public void Interrupt()
    {
        Interlocked.Exchange(ref _stopRequested, 1);
        TryComplete(false);
    }

    public bool GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    public void Dispose() => _timer.Dispose();

    private void TryComplete(bool result)
    {
        if (Interlocked.CompareExchange(ref _armed, 0, 1) == 1)
        {
            _core.SetResult(result);
        }
    }
}
