using ReplicaBench.Topology;
using ReplicaBench.Topology.Faults;

namespace ReplicaBench.Runs.Faults;

/// <summary>What a <see cref="FaultRunner"/> tells the cell it runs in.</summary>
/// <param name="Promoted">A failover's replica accepts writes: re-point the router now (before the other replicas are re-pointed).</param>
/// <param name="FailedOver">A failover finished: re-point what samples the servers, retire replicas left out.</param>
/// <param name="Step">One line for the progress display (a fault began, finished or failed).</param>
internal sealed record FaultRunnerHooks(
    Func<TopologyNode, Task> Promoted,
    Func<FailoverResult, Task> FailedOver,
    Action<string> Step);
