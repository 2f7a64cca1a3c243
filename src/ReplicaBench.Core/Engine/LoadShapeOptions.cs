using System.Globalization;

namespace ReplicaBench.Engine;

/// <summary>
/// Load-shape settings as a front end collects them (<c>--vus</c>, <c>--rate</c>, ...), turned
/// into a validated <see cref="LoadShape"/>. Every mistake becomes one <see cref="BadInputException"/>
/// line naming the option and the fix, before anything starts.
/// </summary>
public sealed record LoadShapeOptions
{
    /// <summary>Closed model: number of virtual users (<c>--vus</c>).</summary>
    public int? VirtualUsers { get; init; }

    /// <summary>Open model: arrivals per second (<c>--rate</c>); the start rate when ramping.</summary>
    public double? Rate { get; init; }

    /// <summary>
    /// k6-style stages over the measured duration (<c>--stages</c>): of the open model's arrival
    /// rate from <see cref="Rate"/> when it is given, else of the closed model's active virtual
    /// users from <see cref="VirtualUsers"/> (default 1, as k6's ramping VUs), whole numbers then.
    /// </summary>
    public IReadOnlyList<RateStage>? Stages { get; init; }

    /// <summary>Open model: ramp linearly from <see cref="Rate"/> to this rate over the duration (<c>--ramp-to</c>).</summary>
    public double? RampToRate { get; init; }

    /// <summary>Open model: <c>poisson</c> (default) or <c>even</c> (<c>--arrivals</c>).</summary>
    public string? Arrivals { get; init; }

    /// <summary>Open model: seed of the Poisson gaps (<c>--seed</c>).</summary>
    public int? Seed { get; init; }

    /// <summary>Open model: pool size (<c>--max-vus</c>); by default enough for 10 ms per operation at the peak rate.</summary>
    public int? MaxVirtualUsers { get; init; }

    /// <summary>Open model: drop arrivals that waited longer than this (<c>--max-lateness</c>).</summary>
    public TimeSpan? MaxLateness { get; init; }

    /// <summary>Closed model: pause between operations (<c>--think</c>).</summary>
    public ThinkTime ThinkTime { get; init; }

    /// <summary>
    /// The default open-model pool, from Little's law (in flight = rate × time in system) assuming
    /// 10 ms per operation, between 8 and 256. A pool that is too small shows up as late and dropped
    /// arrivals, never as a silently lower rate.
    /// </summary>
    public static int DefaultPoolFor(double peakRate) => (int)Math.Clamp(Math.Ceiling(peakRate * 0.010), 8, 256);

    public LoadShape ToLoadShape()
    {
        if (VirtualUsers is not null && Rate is not null)
        {
            throw new BadInputException(
                "both --vus and --rate were given; use --vus N for a closed model or --rate R (with --max-vus) for an open model, not both.");
        }

        if (Stages is { Count: > 0 } userStages && Rate is null)
        {
            return RampingUsers(userStages);
        }

        if (Stages is { Count: > 0 } && RampToRate is not null)
        {
            throw new BadInputException("--stages and --ramp-to both shape the rate over time; give one of them.");
        }

        if (Rate is null && Stages is not { Count: > 0 })
        {
            if (RampToRate is not null || Arrivals is not null || MaxVirtualUsers is not null || MaxLateness is not null || Seed is not null)
            {
                throw new BadInputException(
                    "--ramp-to, --arrivals, --seed, --max-vus and --max-lateness shape an open model; add --rate R, or drop them and use --vus N.");
            }

            return LoadShape.Closed(VirtualUsers ?? 1, ThinkTime);
        }

        if (!ThinkTime.IsNone)
        {
            throw new BadInputException("--think applies to the closed model (--vus); with --rate or --stages the schedule sets the pace.");
        }

        var rate = Rate ?? 0;
        if (Stages is { Count: > 0 } stages)
        {
            var staged = RateProfile.Staged(rate, [.. stages]);
            return LoadShape.Open(staged, MaxVirtualUsers ?? DefaultPoolFor(staged.PeakRate), ParseArrivals(), MaxLateness);
        }

        if (!double.IsFinite(rate) || rate <= 0)
        {
            throw new BadInputException(
                $"--rate {rate.ToString(CultureInfo.InvariantCulture)} is not a positive rate; give operations per second, e.g. --rate 1000.");
        }

        var profile = RampToRate is { } to ? RateProfile.Ramp(rate, to) : RateProfile.Constant(rate);
        var pattern = ParseArrivals();
        return LoadShape.Open(profile, MaxVirtualUsers ?? DefaultPoolFor(Math.Max(rate, RampToRate ?? 0)), pattern, MaxLateness);
    }

    /// <summary>Stages without a rate: k6's ramping VUs, from <see cref="VirtualUsers"/> (default 1) active users.</summary>
    private ClosedLoad RampingUsers(IReadOnlyList<RateStage> stages)
    {
        if (Arrivals is not null || MaxVirtualUsers is not null || MaxLateness is not null || Seed is not null || RampToRate is not null)
        {
            throw new BadInputException(
                "--stages without --rate ramps virtual users (a closed model), and --arrivals, --seed, --max-vus, --max-lateness and --ramp-to shape an open one; add --rate START to ramp the arrival rate instead, or drop them.");
        }

        foreach (var stage in stages.Where(s => s.TargetRate < 0 || s.TargetRate != Math.Floor(s.TargetRate)))
        {
            var target = stage.TargetRate.ToString(CultureInfo.InvariantCulture);
            throw new BadInputException(
                $"--stages: a stage of virtual users needs a whole number of users, and '{Configuration.DurationParser.Format(stage.Duration)}:{target}' has {target}; give e.g. 30s:10, or add --rate START to ramp the arrival rate.");
        }

        return LoadShape.Ramping(VirtualUsers ?? 1, [.. stages.Select(s => new VirtualUserStage(s.Duration, (int)s.TargetRate))], ThinkTime);
    }

    private ArrivalPattern ParseArrivals() => (Arrivals?.Trim().ToLowerInvariant()) switch
    {
        null or "poisson" => ArrivalPattern.Poisson(Seed ?? ArrivalPattern.DefaultSeed),
        "even" when Seed is null => ArrivalPattern.Even,
        "even" => throw new BadInputException("--seed applies to Poisson arrivals; drop it or use --arrivals poisson."),
        _ => throw new BadInputException($"--arrivals '{Arrivals}' is not known; use poisson or even."),
    };
}
