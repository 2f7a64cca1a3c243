using System.Globalization;

namespace ReplicaBench.Engine;

/// <summary>
/// How the open model's target arrival rate (operations per second) moves over the measured
/// duration: constant, a linear ramp, or k6-style stages. The warm-up runs at the starting rate.
/// </summary>
public sealed class RateProfile
{
    /// <summary>Above this the engine's own pacing, not the system under test, would be measured.</summary>
    public const double MaxRate = 1_000_000;

    private readonly RateStage[] _stages;

    private RateProfile(double startRate, RateStage[] stages, string description)
    {
        StartRate = startRate;
        _stages = stages;
        Description = description;
    }

    /// <summary>The rate at the start of the measured duration (and during the warm-up).</summary>
    public double StartRate { get; }

    /// <summary>The stages after the start; empty for a constant rate.</summary>
    public IReadOnlyList<RateStage> Stages => _stages;

    /// <summary>The highest rate the profile reaches.</summary>
    public double PeakRate => _stages.Aggregate(StartRate, (peak, stage) => Math.Max(peak, stage.TargetRate));

    /// <summary>Human form, e.g. <c>5000/s</c> or <c>100/s → 2000/s</c>.</summary>
    public string Description { get; }

    /// <summary>The same rate throughout the run.</summary>
    public static RateProfile Constant(double perSecond) =>
        new(perSecond, [], $"{Format(perSecond)}/s");

    /// <summary>
    /// A linear ramp from <paramref name="fromPerSecond"/> to <paramref name="toPerSecond"/> over the
    /// whole measured duration (the duration is only known when the run starts).
    /// </summary>
    public static RateProfile Ramp(double fromPerSecond, double toPerSecond) =>
        new(fromPerSecond, [new RateStage(TimeSpan.Zero, toPerSecond)], $"{Format(fromPerSecond)}/s -> {Format(toPerSecond)}/s");

    /// <summary>
    /// Starts at <paramref name="startRate"/>, then each stage moves linearly to its target; after
    /// the last stage the rate holds until the end of the measured duration.
    /// </summary>
    public static RateProfile Staged(double startRate, params RateStage[] stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var text = string.Join(", ", stages.Select(s => $"{Format(s.TargetRate)}/s over {Configuration.DurationParser.Format(s.Duration)}"));
        return new(startRate, [.. stages], $"{Format(startRate)}/s, then {text}");
    }

    public override string ToString() => Description;

    /// <summary>Checks the profile against the run's measured duration; bad values are user input.</summary>
    internal void Validate(TimeSpan duration)
    {
        CheckRate(StartRate, allowZero: _stages.Length > 0);
        var total = TimeSpan.Zero;
        foreach (var stage in _stages)
        {
            CheckRate(stage.TargetRate, allowZero: true);
            if (IsRamp)
            {
                continue;
            }

            if (stage.Duration <= TimeSpan.Zero)
            {
                throw new BadInputException(
                    $"rate stage '{Format(stage.TargetRate)}/s over {Configuration.DurationParser.Format(stage.Duration)}' has no length; give every stage a positive duration, e.g. 10s.");
            }

            total += stage.Duration;
        }

        if (PeakRate <= 0)
        {
            throw new BadInputException($"arrival rate {Description} never rises above zero; give a positive rate, e.g. --rate 1000.");
        }

        if (total > duration)
        {
            throw new BadInputException(
                $"the rate stages last {Configuration.DurationParser.Format(total)} but the duration is {Configuration.DurationParser.Format(duration)}; lengthen the duration or shorten the stages.");
        }
    }

    /// <summary>
    /// The rate as piecewise-linear segments covering [0, warm-up + duration): the warm-up at the
    /// start rate, then the profile, then a hold at the last rate.
    /// </summary>
    internal List<RateSegment> ToSegments(TimeSpan warmUp, TimeSpan duration)
    {
        var segments = new List<RateSegment>();
        var at = 0.0;
        void Add(double length, double from, double to)
        {
            if (length > 0)
            {
                segments.Add(new RateSegment(at, length, from, (to - from) / length));
                at += length;
            }
        }

        Add(warmUp.TotalSeconds, StartRate, StartRate);
        var measured = duration.TotalSeconds;
        var rate = StartRate;
        if (IsRamp)
        {
            Add(measured, StartRate, _stages[0].TargetRate);
            return segments;
        }

        foreach (var stage in _stages)
        {
            var length = Math.Min(stage.Duration.TotalSeconds, measured);
            Add(length, rate, stage.TargetRate);
            measured -= length;
            rate = stage.TargetRate;
        }

        Add(measured, rate, rate);
        return segments;
    }

    /// <summary>A ramp is stored as one stage of zero length meaning "the whole measured duration".</summary>
    private bool IsRamp => _stages.Length == 1 && _stages[0].Duration == TimeSpan.Zero;

    private static void CheckRate(double rate, bool allowZero)
    {
        if (!double.IsFinite(rate) || rate < 0 || (!allowZero && rate == 0))
        {
            throw new BadInputException(
                $"arrival rate {Format(rate)}/s is not valid; give a positive number of operations per second, e.g. --rate 1000.");
        }

        if (rate > MaxRate)
        {
            throw new BadInputException(
                $"arrival rate {Format(rate)}/s is above the engine's limit of {Format(MaxRate)}/s; lower --rate.");
        }
    }

    private static string Format(double rate) => rate.ToString("0.###", CultureInfo.InvariantCulture);
}
