namespace ReplicaBench.Engine;

/// <summary>
/// What a read's staleness checks found, if the operation made them: whether the read returned an
/// older version than one already acknowledged (stale), how old the version it saw was, and, when
/// it read something its own session had written, whether it missed that write (a read-your-writes
/// violation).
/// </summary>
/// <remarks>
/// The two checks have different denominators and are counted apart: every checked read can be
/// stale, but only a read of the session's own writes can violate read-your-writes, so its rate is
/// taken over those reads (<see cref="IsReadYourWritesChecked"/>), not over all checked reads.
/// </remarks>
public readonly record struct StalenessObservation
{
    private const byte NotCheckedState = 0;
    private const byte FreshState = 1;
    private const byte StaleState = 2;

    private const byte ReadYourWritesNotChecked = 0;
    private const byte ReadYourWritesKept = 1;
    private const byte ReadYourWritesViolated = 2;

    private readonly byte _state;
    private readonly byte _readYourWrites;

    private StalenessObservation(byte state, byte readYourWrites, long ageMicroseconds)
    {
        (_state, _readYourWrites, AgeMicroseconds) = (state, readYourWrites, ageMicroseconds);
    }

    /// <summary>The operation made no staleness check (the default).</summary>
    public static StalenessObservation NotChecked => default;

    /// <summary>The read saw the newest acknowledged version.</summary>
    public static StalenessObservation Fresh => new(FreshState, ReadYourWritesNotChecked, 0);

    public bool IsChecked => _state != NotCheckedState;

    public bool IsStale => _state == StaleState;

    /// <summary>The read read something its own session had written, so read-your-writes was checked.</summary>
    public bool IsReadYourWritesChecked => _readYourWrites != ReadYourWritesNotChecked;

    /// <summary>The read missed a write its own session had already had acknowledged.</summary>
    public bool IsReadYourWritesViolation => _readYourWrites == ReadYourWritesViolated;

    /// <summary>For a stale read: how old the version it saw was, in microseconds.</summary>
    public long AgeMicroseconds { get; }

    /// <summary>
    /// The read saw a version <paramref name="ageMicroseconds"/> older than the newest acknowledged
    /// one. <paramref name="readYourWritesViolation"/> true also marks read-your-writes as checked;
    /// false says nothing about it (use <see cref="WithReadYourWrites"/> for a kept one).
    /// </summary>
    public static StalenessObservation Stale(long ageMicroseconds, bool readYourWritesViolation = false) =>
        new(StaleState, readYourWritesViolation ? ReadYourWritesViolated : ReadYourWritesNotChecked, Math.Max(0, ageMicroseconds));

    public static StalenessObservation Stale(TimeSpan age, bool readYourWritesViolation = false) =>
        Stale(age.Ticks / (TimeSpan.TicksPerMillisecond / 1000), readYourWritesViolation);

    /// <summary>The same observation, with read-your-writes checked: <paramref name="violated"/> or kept.</summary>
    public StalenessObservation WithReadYourWrites(bool violated) =>
        new(_state, violated ? ReadYourWritesViolated : ReadYourWritesKept, AgeMicroseconds);
}
