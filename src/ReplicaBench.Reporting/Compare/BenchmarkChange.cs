using ReplicaBench.Reporting.Inputs;

namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// A microbenchmark's mean, judged on BenchmarkDotNet's own confidence intervals: the change's
/// interval runs from (c_low − b_high) to (c_high − b_low), relative to the baseline mean, so it
/// excludes zero exactly when the two intervals do not overlap.
/// </summary>
internal static class BenchmarkChange
{
    public static MetricChange Of(MicroBenchmarkResult baseline, MicroBenchmarkResult candidate, double minimumChange)
    {
        var interval = baseline.MeanNs > 0
            ? new ChangeInterval((candidate.CiLowerNs - baseline.CiUpperNs) / baseline.MeanNs, (candidate.CiUpperNs - baseline.CiLowerNs) / baseline.MeanNs)
            : null;
        var relative = baseline.MeanNs > 0 ? (candidate.MeanNs / baseline.MeanNs) - 1 : 0;
        return new MetricChange(baseline.Label, "mean", "ns", false, baseline.MeanNs, candidate.MeanNs, interval, minimumChange,
            "BenchmarkDotNet confidence intervals (must not overlap)", ChangeJudge.Judge(relative, interval, minimumChange, higherIsBetter: false));
    }
}
