namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// The exact interval of the ratio of two Poisson rates (candidate / baseline) from their counts
/// and exposures. Given the total x_b + x_c, the candidate's count is binomial with
/// p = λ_c·t_c / (λ_b·t_b + λ_c·t_c), so the Clopper–Pearson bounds of p map one-to-one onto bounds
/// of the ratio: RR = p / (1 − p) · t_b / t_c. Valid for 3 vs 5 events as for 3,000 vs 5,000.
/// </summary>
internal static class PoissonRateRatio
{
    /// <summary>The interval of the rate ratio; null when neither run saw an event (nothing to compare).</summary>
    public static (double Low, double High)? Interval(long baselineEvents, double baselineExposure, long candidateEvents, double candidateExposure, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baselineExposure);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(candidateExposure);
        var total = baselineEvents + candidateEvents;
        if (total == 0)
        {
            return null;
        }

        var (low, high) = ClopperPearson.Interval(candidateEvents, total, confidence);
        var exposureRatio = baselineExposure / candidateExposure;
        return (Ratio(low) * exposureRatio, Ratio(high) * exposureRatio);
    }

    private static double Ratio(double p) => p >= 1 ? double.PositiveInfinity : p / (1 - p);
}
