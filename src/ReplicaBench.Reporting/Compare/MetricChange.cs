namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// One metric of one cell (or benchmark) in both runs. <see cref="Noise"/> is the absolute band the
/// difference must exceed to count (same unit as the values); <see cref="RelativeChange"/> is
/// (candidate − baseline) / baseline, infinite when the baseline is zero and the candidate is not.
/// </summary>
public sealed record MetricChange(
    string Cell,
    string Metric,
    string Unit,
    bool HigherIsBetter,
    double Baseline,
    double Candidate,
    double Noise,
    ChangeVerdict Verdict)
{
    public double RelativeChange => Baseline == 0 ? (Candidate == 0 ? 0 : double.PositiveInfinity * Math.Sign(Candidate)) : (Candidate - Baseline) / Baseline;
}
