using ReplicaBench.Runs;
using ReplicaBench.Workload;

namespace ReplicaBench.LoadTests;

/// <summary>
/// 50% reads, 50% writes: where replicas stop paying. Every replica replays all of the writes,
/// the primary carries half the load whatever the policy, and lag grows.
/// </summary>
public sealed class WriteHeavyScenario : IWorkloadScenario
{
    /// <inheritdoc />
    public string Name => "write-heavy";

    /// <inheritdoc />
    public string Description => "50% reads / 50% writes (point-read 40, range-read 10, insert 15, update 35).";

    /// <inheritdoc />
    public WorkloadMix Mix => WorkloadMix.WriteHeavy;
}
