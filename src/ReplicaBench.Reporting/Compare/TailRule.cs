namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// The smallest change a percentile can be judged on, from the samples behind it. A percentile q
/// of n samples rests on its tail, n·(1 − q) samples beyond it (a p99.9 of 300,000 operations on
/// 300 of them), and for the tails latency has (exponential to Pareto-like) its relative standard
/// error is about 1/√tail. The difference of two runs so needs at least
/// 1.96·√(1/tail_b + 1/tail_c) to mean anything: 16% for 300 tail samples per run, 5% (the default
/// minimum change) only from <see cref="TailForMinimumChange"/> = 3,073 per run. The bootstrap alone does
/// not show this: redrawing a few hundred tail samples understates how far the tail can move.
/// </summary>
internal static class TailRule
{
    /// <summary>The tail behind <paramref name="percentile"/> (0–100) of <paramref name="samples"/>: n·(1 − q).</summary>
    public static double TailSamples(long samples, double percentile) => samples * (1 - (percentile / 100));

    /// <summary>The minimum detectable relative change; +∞ when a run has no tail sample at all.</summary>
    public static double MinimumChange(double baselineTail, double candidateTail) =>
        baselineTail < 1 || candidateTail < 1
            ? double.PositiveInfinity
            : ChangeInterval.Z * Math.Sqrt((1 / baselineTail) + (1 / candidateTail));

    /// <summary>K: the tail samples per run below which a percentile needs more than <paramref name="minimumChange"/> (2·(1.96 / minimumChange)²).</summary>
    public static double TailForMinimumChange(double minimumChange) => 2 * Math.Pow(ChangeInterval.Z / minimumChange, 2);
}
