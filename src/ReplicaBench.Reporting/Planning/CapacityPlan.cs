namespace ReplicaBench.Reporting.Planning;

/// <summary>
/// The planner's answer: the smallest measured topology (and policy) that meets the request, or
/// that none does and why — with the read/write mix the plan is for, the reasoning per measured
/// cell, the assumptions behind it, and the risks it states (<see cref="Risks"/>). <paramref name="Extrapolated"/>: the answer is in CPU terms,
/// beyond the measured topologies or for nodes of another size (<see cref="CpuExtrapolation"/>).
/// </summary>
public sealed record CapacityPlan(
    bool Meets,
    int? Replicas,
    string? Policy,
    string Answer,
    string TargetMix,
    IReadOnlyList<string> Reasoning,
    IReadOnlyList<string> Assumptions,
    bool Extrapolated = false)
{
    /// <summary>What the plan warns of beyond the target: the conflict risk for long reads on replicas.</summary>
    public IReadOnlyList<string> Risks { get; init; } = [];
}
