using ReplicaBench.Engine.Thresholds;

namespace ReplicaBench.Engine.RunResults;

/// <summary>
/// Everything a run measured, shaped so that a results file (schema version, one cell per
/// topology × policy with throughput, latency p50..max, errors, stale reads and per-node
/// reads/writes) is a projection of it. All counts and statistics cover the measured duration
/// only; the warm-up is reported separately in <see cref="WarmUp"/>.
/// </summary>
public sealed record LoadRunResult
{
    public required string Scenario { get; init; }

    /// <summary>The load shape as run; <see cref="LoadShape.Describe"/> gives its one-line form.</summary>
    public required LoadShape Load { get; init; }

    public required TimeSpan WarmUpDuration { get; init; }

    /// <summary>The planned measured duration.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Wall-clock start of the run (warm-up included), from the run's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>
    /// The measured window: from the end of the warm-up until the run was told to stop (the planned
    /// duration, or less when cancelled). Operations still in flight then finish during the
    /// graceful stop and are counted. Rates are per this window.
    /// </summary>
    public required TimeSpan MeasuredDuration { get; init; }

    public required RunStopReason StopReason { get; init; }

    /// <summary>True when the run did not complete its planned duration: the figures cover only what ran.</summary>
    public bool IsPartial => StopReason != RunStopReason.Completed;

    /// <summary>All operations of the measured duration.</summary>
    public required OperationStats Total { get; init; }

    public required IReadOnlyList<OperationResult> Operations { get; init; }

    /// <summary>Per serving node, in topology order; "(none)" last when some outcome named no node.</summary>
    public required IReadOnlyList<NodeResult> Nodes { get; init; }

    /// <summary>
    /// Reads of the measured window (succeeded or failed, as <see cref="NodeResult.Reads"/> counts
    /// them) per node they were meant for and node that served them, non-zero pairs only: for each
    /// serving node the pairs add up to its <see cref="NodeResult.Reads"/>. A read whose outcome
    /// named no intended node (<see cref="LoadOutcome.WithRouting"/>) is meant for "(none)".
    /// </summary>
    public required IReadOnlyList<IntendedServedCount> ReadsByIntendedAndServed { get; init; }

    /// <summary>Reads of the measured window (succeeded or failed) the router sent elsewhere than its policy wanted first.</summary>
    public required long ReadFallbacks { get; init; }

    /// <summary>Per operation and node, only buckets (operation × node) that saw operations.</summary>
    public required IReadOnlyList<BucketResult> Buckets { get; init; }

    /// <summary>What the warm-up measured (not counted anywhere else).</summary>
    public required OperationStats WarmUp { get; init; }

    /// <summary>Open model only: arrivals scheduled, started and dropped, and their schedule lag.</summary>
    public required ArrivalStats? Arrivals { get; init; }

    public required VirtualUserSpread VirtualUsers { get; init; }

    /// <summary>Operations still running when the graceful stop and the cancellation that followed ran out.</summary>
    public required long AbandonedOperations { get; init; }

    /// <summary>Operations that ended by honouring the cancellation sent when the graceful stop ran out.</summary>
    public required long CancelledAtStop { get; init; }

    /// <summary>One point per interval, warm-up included (see <see cref="TimeSeriesPoint.Phase"/>).</summary>
    public required IReadOnlyList<TimeSeriesPoint> TimeSeries { get; init; }

    /// <summary>Every external sample appended during the run, in arrival order.</summary>
    public required IReadOnlyList<ExternalSample> Samples { get; init; }

    public required IReadOnlyList<ThresholdResult> Thresholds { get; init; }

    /// <summary>The generator's own CPU over the measured window (to its drain); null when the window never began.</summary>
    public GeneratorCpu? GeneratorCpu { get; init; }

    /// <summary>Null when the run was not asked to stream to disk.</summary>
    public required RunFiles? Files { get; init; }

    /// <summary>Things that went wrong around the measurement (e.g. a virtual user failed to dispose).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    public IEnumerable<ThresholdResult> BreachedThresholds => Thresholds.Where(t => !t.Passed);

    public bool ThresholdsPassed => Thresholds.All(t => t.Passed);

    /// <summary>
    /// Open model: set when arrivals were dropped and no <c>dropped</c> threshold judged them —
    /// the run then fails, because it did not offer the load it was asked to (a <c>dropped</c>
    /// threshold, even <c>dropped&lt;100%</c>, says how many drops the user accepts).
    /// </summary>
    public DroppedArrivalsBreach? UnallowedDrops =>
        Arrivals is { Dropped: > 0 } arrivals && !Thresholds.Any(t => t.Threshold.Metric == ThresholdMetric.Dropped)
            ? new DroppedArrivalsBreach(arrivals.Dropped, arrivals.Scheduled, Load.VirtualUsers)
            : null;

    /// <summary>The run's verdict: every threshold held and no arrival was dropped unless a threshold allowed it.</summary>
    public bool Passed => ThresholdsPassed && UnallowedDrops is null;
}
