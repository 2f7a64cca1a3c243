using ReplicaBench.Runs;
using ReplicaBench.Workload;

namespace ReplicaBench.LoadTests;

/// <summary>
/// 95% reads, 5% writes: the catalogue/content app that read replicas are usually bought for.
/// Writes are few, so stale reads are rare but real, and read-your-writes costs little.
/// </summary>
public sealed class ReadHeavyScenario : IWorkloadScenario
{
    /// <inheritdoc />
    public string Name => "read-heavy";

    /// <inheritdoc />
    public string Description => "95% reads / 5% writes (point-read 85, range-read 10, insert 1, update 4).";

    /// <inheritdoc />
    public WorkloadMix Mix => WorkloadMix.ReadHeavy;
}
