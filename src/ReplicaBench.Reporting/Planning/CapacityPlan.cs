namespace ReplicaBench.Reporting.Planning;

/// <summary>
/// The planner's answer: the smallest measured topology (and policy) that meets the request, or an
/// honest "cannot tell" — with the reasoning per topology and the assumptions behind it.
/// </summary>
public sealed record CapacityPlan(
    bool CanTell,
    int? Replicas,
    string? Policy,
    string Answer,
    IReadOnlyList<string> Reasoning,
    IReadOnlyList<string> Assumptions);
