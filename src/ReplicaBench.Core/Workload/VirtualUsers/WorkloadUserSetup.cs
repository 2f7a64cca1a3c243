using ReplicaBench.Engine;
using ReplicaBench.Routing;

namespace ReplicaBench.Workload.VirtualUsers;

/// <summary>
/// What every virtual user of one database load run shares: the router (one policy over one
/// topology), the operation mix, the key distribution and the acknowledged versions that reads are
/// checked against. Built once per matrix cell, so that staleness is judged against every
/// session's writes, not just the reader's own.
/// </summary>
public sealed record WorkloadUserSetup(Router Router, WorkloadMix Mix, KeyChooser Keys, AcknowledgedVersions Acknowledged)
{
    /// <summary>Where virtual users record the staleness bound of each replica read they served; null: nowhere.</summary>
    public ServedStalenessRecorder? ServedStaleness { get; init; }

    /// <summary>The scenario operations this workload can report, in <see cref="WorkloadOperation"/> order.</summary>
    public static OperationDefinition[] Operations { get; } =
    [
        .. Enum.GetValues<WorkloadOperation>().Select(o => new OperationDefinition(o.Name(), o.Kind())),
    ];
}
