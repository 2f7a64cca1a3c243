using ReplicaBench.Workload;
using ReplicaBench.Workload.Scripts;

namespace ReplicaBench.Runs;

/// <summary>
/// A run of the user's own pgbench-style scripts (<c>load --script</c>) instead of a built-in mix:
/// scenario <c>script</c>, one operation type per script.
/// </summary>
public sealed class ScriptScenario(ScriptWorkload workload) : IWorkloadScenario
{
    public string Name => ScriptWorkload.ScenarioName;

    public string Description => $"your own scripts: {workload}";

    /// <summary>No built-in mix: the scripts' weights decide what runs.</summary>
    public WorkloadMix? Mix => null;

    public ScriptWorkload Workload => workload;
}
