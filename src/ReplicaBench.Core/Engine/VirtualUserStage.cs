namespace ReplicaBench.Engine;

/// <summary>One k6-style stage of a closed model: over <paramref name="Duration"/>, the active virtual users move linearly to <paramref name="Target"/>.</summary>
public readonly record struct VirtualUserStage(TimeSpan Duration, int Target);
