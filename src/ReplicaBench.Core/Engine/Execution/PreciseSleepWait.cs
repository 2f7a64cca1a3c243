namespace ReplicaBench.Engine.Execution;

/// <summary>
/// The real clock's pacer wait: the pacer owns a dedicated thread and sleeps on it with
/// sub-millisecond precision (see <see cref="NativeSleep"/>), like pgbench's throttling. The .NET
/// timers have millisecond granularity, which would put up to a millisecond of the engine's own
/// lag into every open-model latency. Sleeps are sliced so that a stop is noticed within 10 ms.
/// </summary>
internal sealed class PreciseSleepWait(RunClock clock) : IPacerWait
{
    private readonly long _maxSlice = clock.TicksOf(TimeSpan.FromMilliseconds(10));
    private int _stopRequested;

    public ValueTask<bool> UntilAsync(long dueTimestamp)
    {
        while (true)
        {
            if (Volatile.Read(ref _stopRequested) != 0)
            {
                return new ValueTask<bool>(false);
            }

            var remaining = dueTimestamp - clock.Now;
            if (remaining <= 0)
            {
                return new ValueTask<bool>(true);
            }

            NativeSleep.Sleep(clock.Between(0, Math.Min(remaining, _maxSlice)));
        }
    }

    public void Interrupt() => Volatile.Write(ref _stopRequested, 1);
}
