namespace ReplicaBench.Reporting.Compare;

/// <summary>Student's t distribution: the quantile a t-interval over a few repeat means needs.</summary>
internal static class StudentT
{
    /// <summary>The two-sided critical value: t with P(|T| ≤ t) = <paramref name="confidence"/> for <paramref name="degreesOfFreedom"/>.</summary>
    public static double TwoSidedCritical(double confidence, double degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        // P(|T| > t) = I_{df/(df+t²)}(df/2, 1/2); solve for x = df/(df+t²), then t = √(df(1−x)/x).
        var x = SpecialFunctions.InverseRegularizedIncompleteBeta(degreesOfFreedom / 2, 0.5, 1 - confidence);
        return Math.Sqrt(degreesOfFreedom * (1 - x) / x);
    }
}
