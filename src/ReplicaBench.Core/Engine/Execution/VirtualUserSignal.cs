using System.Threading.Tasks.Sources;

namespace ReplicaBench.Engine.Execution;

/// <summary>
/// A reusable, allocation-free wake-up for one virtual user: armed before each wait, completed
/// exactly once by whoever gets there first — its think-time timer, the pacer handing it an
/// arrival (the value is the arrival's due timestamp), or the stop sweep.
/// </summary>
/// <remarks>
/// The continuation runs inline on the completing thread (no thread-pool hop): the pacer thread
/// starts the operation itself, and a timer thread resumes the user at once.
/// The "armed" flag makes completion race-free: arming is a full fence, and every completer must
/// win a compare-exchange on it, so a wait is completed once no matter how many try.
/// </remarks>
internal sealed class VirtualUserSignal : IValueTaskSource<long>, IDisposable
{
    /// <summary>The run is stopping: leave the loop.</summary>
    public const long Stop = long.MinValue;

    /// <summary>The think-time timer fired.</summary>
    public const long TimerFired = long.MinValue + 1;

    private readonly RunClock _clock;
    private ManualResetValueTaskSourceCore<long> _core;
    private int _armed;
    private ITimer? _timer;

    public VirtualUserSignal(RunClock clock)
    {
        _clock = clock;
    }

    /// <summary>Prepares the next wait; call before publishing that this user is waiting.</summary>
    public void Arm()
    {
        _core.Reset();
        Interlocked.Exchange(ref _armed, 1);
    }

    public ValueTask<long> WaitAsync() => new(this, _core.Version);

    /// <summary>Completes the armed wait with <paramref name="value"/>; false when someone else already did.</summary>
    public bool TryComplete(long value)
    {
        if (Interlocked.CompareExchange(ref _armed, 0, 1) != 1)
        {
            return false;
        }

        _core.SetResult(value);
        return true;
    }

    /// <summary>Arms the wait and starts the timer that will complete it with <see cref="TimerFired"/>.</summary>
    public ValueTask<long> DelayAsync(TimeSpan delay)
    {
        Arm();
        _timer ??= _clock.Provider.CreateTimer(static s => ((VirtualUserSignal)s!).TryComplete(TimerFired), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(_clock.TimerDue(delay), Timeout.InfiniteTimeSpan);
        return WaitAsync();
    }

    public long GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    public void Dispose() => _timer?.Dispose();
}
