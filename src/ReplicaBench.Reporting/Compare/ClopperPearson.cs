namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// The exact (Clopper–Pearson) confidence interval of a binomial proportion: it never covers less
/// than its confidence, however few the successes — the property rare events need.
/// </summary>
internal static class ClopperPearson
{
    /// <summary>The interval of p for <paramref name="successes"/> of <paramref name="trials"/>.</summary>
    public static (double Low, double High) Interval(long successes, long trials, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, successes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        var alpha = 1 - confidence;
        var low = successes == 0 ? 0 : SpecialFunctions.InverseRegularizedIncompleteBeta(successes, trials - successes + 1, alpha / 2);
        var high = successes == trials ? 1 : SpecialFunctions.InverseRegularizedIncompleteBeta(successes + 1, trials - successes, 1 - (alpha / 2));
        return (low, high);
    }
}
