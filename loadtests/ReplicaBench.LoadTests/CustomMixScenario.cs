using ReplicaBench.Runs;
using ReplicaBench.Workload;

namespace ReplicaBench.LoadTests;

/// <summary>
/// The user's own mix (<c>replicabench load --mix point-read=90,update=10</c>), recorded as scenario
/// <c>custom</c> with its weights beside it, so a run is never labelled with a named scenario whose
/// mix it did not run (compare matches runs by scenario and mix).
/// </summary>
public sealed class CustomMixScenario : IWorkloadScenario
{
    public CustomMixScenario(WorkloadMix mix)
    {
        ArgumentNullException.ThrowIfNull(mix);
        Mix = mix;
    }

    /// <inheritdoc />
    public string Name => WorkloadMix.CustomName;

    /// <inheritdoc />
    public string Description =>
        $"{Mix.ReadPercent}% reads / {Mix.WritePercent}% writes ({string.Join(", ", Mix.Weights.Select(w => $"{w.Operation.Name()} {w.Percent}"))}).";

    /// <inheritdoc />
    public WorkloadMix Mix { get; }
}
