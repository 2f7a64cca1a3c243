namespace ReplicaBench.Reporting.Results;

/// <summary>A pass/fail threshold as the run evaluated it (e.g. <c>p99&lt;5ms</c>).</summary>
public sealed record ThresholdResult(string Expression, string? Actual, bool Passed);
