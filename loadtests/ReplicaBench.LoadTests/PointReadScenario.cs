using ReplicaBench.Runs;
using ReplicaBench.Workload;

namespace ReplicaBench.LoadTests;

/// <summary>
/// 100% point reads by primary key: the <c>pgbench -S</c> equivalent. Pure read scaling: what each
/// replica adds when nothing is written (and so nothing can be stale).
/// </summary>
public sealed class PointReadScenario : IWorkloadScenario
{
    /// <inheritdoc />
    public string Name => "point-read";

    /// <inheritdoc />
    public string Description => "100% point reads by key (the pgbench -S equivalent).";

    /// <inheritdoc />
    public WorkloadMix Mix => WorkloadMix.PointRead;
}
