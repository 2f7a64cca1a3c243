namespace ReplicaBench.Runs;

/// <summary>How many operations the policy meant for <see cref="Intended"/> were served by <see cref="Served"/>.</summary>
public sealed record IntendedServedReads(string Intended, string Served, long Reads);
