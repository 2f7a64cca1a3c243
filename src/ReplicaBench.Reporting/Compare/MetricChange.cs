namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// One metric of one cell (or benchmark) in both runs. <see cref="Interval"/> is the 95% confidence
/// interval of the relative change (null when nothing could be estimated, e.g. no events in either
/// run); <see cref="RequiredChange"/> the smallest relative change that can count (the minimum change, or
/// more where the samples behind a percentile are few); <see cref="Method"/> says how the interval
/// was judged. <see cref="RelativeChange"/> is (candidate − baseline) / baseline, infinite when the
/// baseline is zero and the candidate is not. With repeats the values are the repeats' level.
/// </summary>
public sealed record MetricChange(
    string Cell,
    string Metric,
    string Unit,
    bool HigherIsBetter,
    double Baseline,
    double Candidate,
    ChangeInterval? Interval,
    double RequiredChange,
    string Method,
    ChangeVerdict Verdict)
{
    public double RelativeChange => Baseline == 0 ? (Candidate == 0 ? 0 : double.PositiveInfinity * Math.Sign(Candidate)) : (Candidate - Baseline) / Baseline;
}
