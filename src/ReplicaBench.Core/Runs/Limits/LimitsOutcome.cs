using ReplicaBench.Results;

namespace ReplicaBench.Runs.Limits;

/// <summary>The end of <c>replicabench limits</c>: the results written, and whether every step ran.</summary>
public sealed record LimitsOutcome(string ResultsFile, RunResults Results, bool Complete);
