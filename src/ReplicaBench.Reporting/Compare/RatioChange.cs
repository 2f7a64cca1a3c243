namespace ReplicaBench.Reporting.Compare;

/// <summary>A <see cref="MetricChange"/> for a positive metric (throughput, a percentile) from its repeats' samples.</summary>
internal static class RatioChange
{
    public static MetricChange Build(
        string cell,
        string metric,
        string unit,
        bool higherIsBetter,
        IReadOnlyList<MetricSample> baseline,
        IReadOnlyList<MetricSample> candidate,
        string source,
        double requiredChange,
        double minimumChange,
        int seed)
    {
        if (baseline.Concat(candidate).Any(s => !(s.Value > 0)))
        {
            // A run that measured 0 (no throughput at all) has no log scale: the minimumChange decides.
            var b = baseline.Average(s => s.Value);
            var c = candidate.Average(s => s.Value);
            return new MetricChange(cell, metric, unit, higherIsBetter, b, c, null, minimumChange, "a run measured 0: minimum change only",
                ChangeJudge.JudgeZero(b, c, minimumChange, higherIsBetter));
        }

        var (interval, method) = RatioEstimate.Of(baseline, candidate, source, seed);
        var baseLevel = RatioEstimate.Level(baseline);
        var candidateLevel = RatioEstimate.Level(candidate);
        var relative = (candidateLevel / baseLevel) - 1;
        return new MetricChange(cell, metric, unit, higherIsBetter, baseLevel, candidateLevel, interval, requiredChange, method,
            ChangeJudge.Judge(relative, interval, requiredChange, higherIsBetter));
    }
}
