namespace ReplicaBench.Engine;

/// <summary>
/// The pause a closed-model virtual user takes between two operations, like a user reading a page.
/// Either none, a fixed pause, or a pause drawn uniformly from [<see cref="Min"/>, <see cref="Max"/>]
/// with each virtual user's own seeded random source (runs are reproducible).
/// </summary>
/// <remarks>Timers have millisecond resolution on the real clock; shorter pauses round up to 1 ms.</remarks>
public readonly record struct ThinkTime
{
    private ThinkTime(TimeSpan min, TimeSpan max)
    {
        Min = min;
        Max = max;
    }

    /// <summary>No pause: the next operation starts as soon as the previous one completed.</summary>
    public static ThinkTime None => default;

    public TimeSpan Min { get; }

    public TimeSpan Max { get; }

    public bool IsNone => Max <= TimeSpan.Zero;

    public static ThinkTime Fixed(TimeSpan pause) => new(pause, pause);

    public static ThinkTime Uniform(TimeSpan min, TimeSpan max) => new(min, max);

    public override string ToString() =>
        IsNone ? "none"
        : Min == Max ? Configuration.DurationParser.Format(Min)
        : $"{Configuration.DurationParser.Format(Min)}..{Configuration.DurationParser.Format(Max)}";

    internal void Validate()
    {
        if (Min < TimeSpan.Zero || Max < Min)
        {
            throw new BadInputException(
                $"think time {this} is not a valid pause; give a duration of 0 or more, e.g. 10ms, or a range whose minimum is not above its maximum.");
        }
    }

    /// <summary>The next pause; allocation-free so it can run on every operation.</summary>
    internal TimeSpan Next(Random random) =>
        Min == Max ? Min : Min + ((Max - Min) * random.NextDouble());
}
