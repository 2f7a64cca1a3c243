namespace ReplicaBench.Reporting.Charts.Distribution;

/// <summary>
/// One point of a percentile distribution: the latency at or below which <see cref="Percentile"/>
/// percent of operations completed, placed at <see cref="Nines"/> = log10(1 / (1 − p)), so 90% is 1,
/// 99% is 2 and 99.9% is 3: each step right is one more nine.
/// </summary>
public sealed record PercentilePoint(double Percentile, double LatencyMs)
{
    public double Nines => PercentileDistribution.NinesOf(Percentile);
}
