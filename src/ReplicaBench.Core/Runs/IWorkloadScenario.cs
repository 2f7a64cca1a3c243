using ReplicaBench.Workload;

namespace ReplicaBench.Runs;

/// <summary>
/// A named database load scenario: which workload mix it runs. Scenario classes live in
/// <c>loadtests/</c>; the matrix runner only needs the name (for cells and results) and the mix.
/// </summary>
public interface IWorkloadScenario
{
    /// <summary>The scenario's name as the CLI spells it, e.g. <c>read-heavy</c>.</summary>
    string Name { get; }

    /// <summary>One sentence: what the scenario models and its mix.</summary>
    string Description { get; }

    /// <summary>The operation mix each virtual user draws from; null for a run of the user's own scripts (<see cref="ScriptScenario"/>).</summary>
    WorkloadMix? Mix { get; }
}
