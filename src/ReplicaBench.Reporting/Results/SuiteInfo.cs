namespace ReplicaBench.Reporting.Results;

/// <summary>The ReplicaBench build that made a run.</summary>
public sealed record SuiteInfo(string? Version, string? Commit);
