namespace ReplicaBench.Engine.Execution;

/// <summary>
/// The run's time: a <see cref="TimeProvider"/> (the real clock, or a fake one in tests) plus the
/// run's start, with the conversions the engine needs. Latency comes from the provider's
/// timestamps (<see cref="System.Diagnostics.Stopwatch"/> on the real clock), never from wall time.
/// </summary>
internal sealed class RunClock
{
    private readonly double _microsecondsPerTick;
    private readonly double _ticksPerSecond;

    public RunClock(TimeProvider provider)
    {
        Provider = provider;
        _ticksPerSecond = provider.TimestampFrequency;
        _microsecondsPerTick = 1_000_000.0 / provider.TimestampFrequency;
        IsSystem = ReferenceEquals(provider, TimeProvider.System);
    }

    public TimeProvider Provider { get; }

    /// <summary>True for the real clock, whose timers have millisecond granularity.</summary>
    public bool IsSystem { get; }

    public long StartTimestamp { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public long Now => Provider.GetTimestamp();

    /// <summary>Marks the start of the run: every offset is measured from here.</summary>
    public void Start()
    {
        StartTimestamp = Provider.GetTimestamp();
        StartedAt = Provider.GetUtcNow();
    }

    public long ToMicroseconds(long ticks) => (long)((ticks * _microsecondsPerTick) + 0.5);

    /// <summary>The timestamp <paramref name="seconds"/> after the start of the run.</summary>
    public long AtSeconds(double seconds) => StartTimestamp + (long)Math.Round(seconds * _ticksPerSecond);

    public long At(TimeSpan offset) => AtSeconds(offset.TotalSeconds);

    public long TicksOf(TimeSpan duration) => (long)Math.Round(duration.TotalSeconds * _ticksPerSecond);

    public TimeSpan OffsetOf(long timestamp) =>
        TimeSpan.FromTicks((long)Math.Round((timestamp - StartTimestamp) / _ticksPerSecond * TimeSpan.TicksPerSecond));

    public TimeSpan Between(long from, long to) =>
        TimeSpan.FromTicks((long)Math.Round((to - from) / _ticksPerSecond * TimeSpan.TicksPerSecond));

    /// <summary>
    /// The due time to give a timer for a wait of <paramref name="wait"/>. The real clock's timers
    /// truncate to whole milliseconds (a 0.5 ms wait would fire at once), so waits round up there;
    /// other providers (a fake clock) are given the exact time.
    /// </summary>
    public TimeSpan TimerDue(TimeSpan wait) =>
        IsSystem ? TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)) : wait;

    /// <summary>
    /// Waits until <paramref name="timestamp"/> with the provider's timers (for the collector and
    /// the controller). Unlike <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/>,
    /// whose continuation after a cancellation is queued to the thread pool, both the timer and a
    /// cancellation resume the caller inline — so a stop on Ctrl+C starts at once, and a fake clock
    /// drives the whole run from one thread.
    /// </summary>
    public async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = timestamp - Now;
            if (remaining <= 0)
            {
                return;
            }

            var done = new TaskCompletionSource();
            using (Provider.CreateTimer(static s => ((TaskCompletionSource)s!).TrySetResult(), done, TimerDue(Between(0, remaining)), Timeout.InfiniteTimeSpan))
            using (cancellationToken.UnsafeRegister(static s => ((TaskCompletionSource)s!).TrySetCanceled(), done))
            {
                await done.Task.ConfigureAwait(false);
            }
        }
    }
}
