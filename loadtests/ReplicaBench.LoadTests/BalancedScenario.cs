using ReplicaBench.Runs;
using ReplicaBench.Workload;

namespace ReplicaBench.LoadTests;

/// <summary>
/// 80% reads, 20% writes: a typical OLTP app. Enough writes that every replica's replay work and
/// read-your-writes fallbacks to the primary start to show.
/// </summary>
public sealed class BalancedScenario : IWorkloadScenario
{
    /// <inheritdoc />
    public string Name => "balanced";

    /// <inheritdoc />
    public string Description => "80% reads / 20% writes (point-read 70, range-read 10, insert 5, update 15).";

    /// <inheritdoc />
    public WorkloadMix Mix => WorkloadMix.Balanced;
}
