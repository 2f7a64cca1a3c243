using System.Globalization;

namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// The 95% interval of candidate / baseline for a positive metric (throughput, a percentile),
/// on the log scale where a change is symmetric (×2 and ×½ are equally far from ×1).
/// <list type="bullet">
/// <item>One run each: the percentile interval of log(c/b) + (c's deviation − b's deviation) +
/// σ_c·Z_c − σ_b·Z_b over the within-run bootstrap replicates, with σ each run's
/// <see cref="BetweenRunSd"/> and Z standard normal (seeded): the within-run noise of both runs
/// plus the variation between runs.</item>
/// <item>Repeats on either side: a pooled t-interval over the repeats' log values — their scatter is
/// the between-run variance, measured — but never narrower per run than the repeats' own bootstrap
/// variance or their <see cref="BetweenRunSd"/>: repeats of one invocation run back to back and share
/// the machine's state, so their scatter can understate that between invocations (measured: p50
/// repeats 0.093–0.107 ms in one run, 0.143–0.189 ms in the next).</item>
/// </list>
/// </summary>
internal static class RatioEstimate
{
    public static (ChangeInterval Interval, string Method) Of(IReadOnlyList<MetricSample> baseline, IReadOnlyList<MetricSample> candidate, string source, int seed)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        return baseline.Count == 1 && candidate.Count == 1
            ? SingleRuns(baseline[0], candidate[0], source, seed)
            : Repeats(baseline, candidate);
    }

    /// <summary>The geometric mean of the repeats' values: the level the log-scale interval is centred on.</summary>
    public static double Level(IReadOnlyList<MetricSample> samples) => Math.Exp(samples.Average(s => Math.Log(s.Value)));

    private static (ChangeInterval, string) SingleRuns(MetricSample baseline, MetricSample candidate, string source, int seed)
    {
        var logRatio = Math.Log(candidate.Value / baseline.Value);
        var random = new Random(seed);
        var samples = new double[WithinRunBootstrap.Replicates];
        for (var r = 0; r < samples.Length; r++)
        {
            var within = (candidate.Deviations?[r] ?? 0) - (baseline.Deviations?[r] ?? 0);
            samples[r] = logRatio + within + (candidate.BetweenRunSd * Normal(random)) - (baseline.BetweenRunSd * Normal(random));
        }

        Array.Sort(samples);
        var tail = (1 - ChangeInterval.Confidence) / 2;
        var interval = ChangeInterval.FromLogRatio(Quantile(samples, tail), Quantile(samples, 1 - tail));
        var floor = "between-run sd " + BetweenRunSd.Describe(Math.Max(baseline.BetweenRunSd, candidate.BetweenRunSd));
        var method = baseline.Deviations is null && candidate.Deviations is null
            ? $"{floor} only (no per-interval data)"
            : string.Create(CultureInfo.InvariantCulture, $"block bootstrap of {baseline.Intervals} + {candidate.Intervals} {source} + {floor}");
        return (interval, method);
    }

    private static (ChangeInterval, string) Repeats(IReadOnlyList<MetricSample> baseline, IReadOnlyList<MetricSample> candidate)
    {
        var b = baseline.Select(s => Math.Log(s.Value)).ToArray();
        var c = candidate.Select(s => Math.Log(s.Value)).ToArray();
        var degreesOfFreedom = b.Length + c.Length - 2;
        var pooled = (SumOfSquares(b) + SumOfSquares(c)) / degreesOfFreedom;
        // Each repeat's value is at least as noisy as its own resampling says, whatever the scatter.
        var bootstrap = baseline.Concat(candidate).Where(s => s.Deviations is not null).Select(s => Variance(s.Deviations!)).DefaultIfEmpty(0).Average();
        var machine = baseline.Concat(candidate).Average(s => s.BetweenRunSd * s.BetweenRunSd);
        var perRun = Math.Max(pooled, Math.Max(bootstrap, machine));
        var standardError = Math.Sqrt(perRun * ((1.0 / b.Length) + (1.0 / c.Length)));
        var half = StudentT.TwoSidedCritical(ChangeInterval.Confidence, degreesOfFreedom) * standardError;
        var logRatio = c.Average() - b.Average();
        var sd = perRun == pooled ? string.Create(CultureInfo.InvariantCulture, $"{Math.Sqrt(pooled):0%} (the repeats' scatter)")
            : perRun == machine ? BetweenRunSd.Describe(Math.Sqrt(machine))
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Sqrt(bootstrap):0%} (their bootstrap)");
        var method = string.Create(CultureInfo.InvariantCulture, $"t-interval over {b.Length} + {c.Length} repeats (df {degreesOfFreedom}), per-run sd {sd}");
        return (ChangeInterval.FromLogRatio(logRatio - half, logRatio + half), method);
    }

    private static double SumOfSquares(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean));
    }

    // A replicate of only empty seconds is −∞; the variance is that of the finite ones.
    private static double Variance(double[] deviations)
    {
        var finite = deviations.Where(double.IsFinite).ToArray();
        return finite.Length < 2 ? 0 : SumOfSquares(finite) / (finite.Length - 1);
    }

    private static double Quantile(double[] sorted, double q) => sorted[(int)Math.Clamp(Math.Round(q * (sorted.Length - 1)), 0, sorted.Length - 1)];

    // Box–Muller: one standard normal from two uniforms (1 − u keeps the logarithm finite).
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
