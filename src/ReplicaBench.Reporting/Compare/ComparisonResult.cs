namespace ReplicaBench.Reporting.Compare;

/// <summary>Everything compare found: every change, and which cells exist in only one run.</summary>
public sealed record ComparisonResult(
    string BaselineName,
    string CandidateName,
    double MinimumChange,
    IReadOnlyList<MetricChange> Changes,
    IReadOnlyList<string> OnlyInBaseline,
    IReadOnlyList<string> OnlyInCandidate)
{
    public IReadOnlyList<MetricChange> Regressions => Changes.Where(c => c.Verdict == ChangeVerdict.Regression).ToArray();

    public bool HasRegression => Changes.Any(c => c.Verdict == ChangeVerdict.Regression);

    /// <summary>With several runs on a side: each compared cell's baseline and candidate run; null with one run each.</summary>
    public IReadOnlyDictionary<string, (string Baseline, string Candidate)>? CellRuns { get; init; }
}
