namespace ReplicaBench.Load;

/// <summary>
/// What a read's staleness check found, if the operation made one: whether the read returned an
/// older version than one already acknowledged (stale), how old the version it saw was, and
/// whether it missed the session's own earlier write (a read-your-writes violation).
/// </summary>
public readonly record struct StalenessObservation
{
    private const byte NotCheckedState = 0;
    private const byte FreshState = 1;
    private const byte StaleState = 2;

    private readonly byte _state;

    private StalenessObservation(byte state, bool readYourWritesViolation, long ageMicroseconds)
    {
        _state = state;
        IsReadYourWritesViolation = readYourWritesViolation;
        AgeMicroseconds = ageMicroseconds;
    }

    /// <summary>The operation made no staleness check (the default).</summary>
    public static StalenessObservation NotChecked => default;

    /// <summary>The read saw the newest acknowledged version.</summary>
    public static StalenessObservation Fresh => new(FreshState, false, 0);

    public bool IsChecked => _state != NotCheckedState;

    public bool IsStale => _state == StaleState;

    /// <summary>The read missed a write its own session had already had acknowledged.</summary>
    public bool IsReadYourWritesViolation { get; }

    /// <summary>For a stale read: how old the version it saw was, in microseconds.</summary>
    public long AgeMicroseconds { get; }

    /// <summary>The read saw a version <paramref name="ageMicroseconds"/> older than the newest acknowledged one.</summary>
    public static StalenessObservation Stale(long ageMicroseconds, bool readYourWritesViolation = false) =>
        new(StaleState, readYourWritesViolation, Math.Max(0, ageMicroseconds));

    public static StalenessObservation Stale(TimeSpan age, bool readYourWritesViolation = false) =>
        Stale(age.Ticks / (TimeSpan.TicksPerMillisecond / 1000), readYourWritesViolation);
}
