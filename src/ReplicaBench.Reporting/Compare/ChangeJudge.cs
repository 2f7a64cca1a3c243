namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// The verdict rule, the same for every metric: a change counts only when it is larger than the
/// required change (the minimum change, or a percentile's tail rule) AND its 95% interval lies wholly on
/// that side of no change. Either alone is not enough: a large change inside the noise is chance,
/// a certain change inside the minimum change is too small to act on.
/// </summary>
internal static class ChangeJudge
{
    public static ChangeVerdict Judge(double relativeChange, ChangeInterval? interval, double requiredChange, bool higherIsBetter)
    {
        var beyondNoise = interval is not null && ((relativeChange > 0 && interval.Low > 0) || (relativeChange < 0 && interval.High < 0));
        if (!beyondNoise || !(Math.Abs(relativeChange) > requiredChange))
        {
            return ChangeVerdict.Unchanged;
        }

        return (relativeChange > 0) == higherIsBetter ? ChangeVerdict.Improvement : ChangeVerdict.Regression;
    }

    /// <summary>For a metric one run measured as zero (no log scale): the minimum change alone decides.</summary>
    public static ChangeVerdict JudgeZero(double baseline, double candidate, double minimumChange, bool higherIsBetter)
    {
        var difference = candidate - baseline;
        var relative = baseline == 0 ? (difference == 0 ? 0 : double.PositiveInfinity) : Math.Abs(difference / baseline);
        if (relative <= minimumChange)
        {
            return ChangeVerdict.Unchanged;
        }

        return (difference > 0) == higherIsBetter ? ChangeVerdict.Improvement : ChangeVerdict.Regression;
    }
}
