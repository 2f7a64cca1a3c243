namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// Run-to-run noise of a load metric from its per-second series: the standard error of the
/// per-second values (sd / √n). Two runs' means differ "by more than noise" when the difference
/// exceeds 2·√(SE_baseline² + SE_candidate²), about a 95% band for a difference of means. Per-second
/// values are autocorrelated, so this understates noise somewhat; the threshold covers the rest.
/// </summary>
public static class NoiseBand
{
    public const double Coverage = 2.0;

    public static double StandardError(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return Math.Sqrt(variance / values.Count);
    }

    public static double OfDifference(double baselineStandardError, double candidateStandardError) =>
        Coverage * Math.Sqrt((baselineStandardError * baselineStandardError) + (candidateStandardError * candidateStandardError));
}
