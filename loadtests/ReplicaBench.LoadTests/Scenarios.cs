using ReplicaBench.Load.Matrix;

namespace ReplicaBench.LoadTests;

/// <summary>The catalogue of load scenarios, by the name the CLI and results.json use.</summary>
public static class Scenarios
{
    /// <summary>Every scenario, in the order help text lists them.</summary>
    public static IReadOnlyList<IWorkloadScenario> All { get; } =
        [new PointReadScenario(), new ReadHeavyScenario(), new BalancedScenario(), new WriteHeavyScenario()];

    /// <summary>The scenario called <paramref name="name"/>; <see cref="BadInputException"/> naming the valid ones otherwise.</summary>
    public static IWorkloadScenario FromName(string? name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new BadInputException(
            $"--scenario: unknown scenario '{name}'; choose one of {string.Join(", ", All.Select(s => s.Name))}.");
}
