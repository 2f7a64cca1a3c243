using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>One write-rate step of <c>replicabench limits</c>.</summary>
public sealed record LimitStep
{
    [Description("The cell that ran the step (its id in cells[]).")]
    public string Cell { get; init; } = "";

    [Description("The target write rate, writes/s (the open model's rate times the mix's write share).")]
    public double Rate { get; init; }

    [Description("Writes completed per second over the step's measured window.")]
    public double AchievedRate { get; init; }

    [Description("The primary's WAL written per second over the step, bytes/s; null when not read.")]
    public double? WalBytesPerSecond { get; init; }

    [Description("How long the replicas took, after this step, to replay the backlog it left (until every replica had replayed the primary's WAL position at the step's end), seconds; null for a step with no replicas or one the run was stopped in.")]
    public double? CatchUpSeconds { get; init; }

    [Description("True when the replicas had not caught up with this step's backlog when the wait gave up, so the next step started with lag.")]
    public bool CatchUpTimedOut { get; init; }

    [Description("Per replica: its replay lag over the step.")]
    public IReadOnlyDictionary<string, ReplicaLagTrend> Replicas { get; init => field = value ?? new Dictionary<string, ReplicaLagTrend>(); } = new Dictionary<string, ReplicaLagTrend>();

    [Description("Per node: its CPU over the step, cores (emulated nodes only; empty otherwise).")]
    public IReadOnlyDictionary<string, LimitStepNodeCpu> Nodes { get; init => field = value ?? new Dictionary<string, LimitStepNodeCpu>(); } = new Dictionary<string, LimitStepNodeCpu>();
}
