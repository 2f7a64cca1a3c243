using System.ComponentModel;
using System.Text.Json.Serialization;

namespace ReplicaBench.Results;

/// <summary>One measured cell: a topology size, a routing policy and a scenario, with everything measured in it.</summary>
public sealed record CellResults
{
    [Description("Unique in the run, e.g. r2-round-robin (also the cell's folder under cells/); compare matches cells by it.")]
    public string Id { get; init; } = "";

    [Description("Which measurement of the cell this is (load --repeat N): 1 for the first, whose id has no suffix; repeat k > 1 has the id <id>#k.")]
    public int Repeat { get; init => field = value < 1 ? 1 : value; } = 1;

    [Description("Replicas in the topology.")]
    public int Replicas { get; init; }

    [Description("Routing policy, e.g. round-robin or bounded-staleness:50ms.")]
    public string Policy { get; init; } = "";

    [Description("Scenario name, or custom for --mix.")]
    public string? Scenario { get; init; }

    [Description("Operation weights in percent, e.g. {\"point-read\": 90, \"update\": 10}.")]
    public IReadOnlyDictionary<string, int>? Mix { get; init; }

    [Description("True when the cell did not run its planned duration (interrupted): figures cover what ran.")]
    public bool Partial { get; init; }

    [Description("Measured window, seconds (after the warm-up).")]
    public double DurationSeconds { get; init; }

    [Description("Warm-up before the measured window, seconds; nothing in it is counted.")]
    public double WarmUpSeconds { get; init; }

    [Description("Successful operations in the measured window.")]
    public long Operations { get; init; }

    [Description("Successful operations per second.")]
    public double Throughput { get; init; }

    [Description("Successful reads per second.")]
    public double? ReadThroughput { get; init; }

    [Description("Successful writes per second.")]
    public double? WriteThroughput { get; init; }

    [Description("Latency of successful operations (from the scheduled start in the open model).")]
    public LatencyPercentiles? LatencyMs { get; init; }

    [Description("Failed operations (operations cancelled by the cell's end are not failures).")]
    public long Errors { get; init; }

    [Description("Operations the cell's end cancelled (the stop's cancellation after the graceful drain): neither successes nor errors.")]
    public long CancelledAtStop { get; init; }

    [Description("Present only when errors / (operations + errors) exceeds 5%: the flag that this cell's figures, which count successes only, flatter it.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HighErrorRate? HighErrorRate { get; init; }

    [Description("Failed operations by kind (timeout, connection-refused, read-only, ...).")]
    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init => field = value ?? new Dictionary<string, long>(); } = new Dictionary<string, long>();

    /// <summary>The measured seconds in which no operation succeeded; null (left out) when there were none.</summary>
    [Description("The measured seconds in which no operation succeeded (each as its time-series t, the second's end): stalls that a closed model's percentiles hide, e.g. every virtual user waiting on a frozen node. Left out when there were none.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? StalledSeconds { get; init; }

    [Description("Reads whose staleness was checked against the acknowledged versions.")]
    public long? StaleChecked { get; init; }

    [Description("Checked reads that returned a version older than one acknowledged before the read started; null when no read was checked.")]
    public long? StaleReads { get; init; }

    [Description("staleReads / staleChecked; null when no read was checked.")]
    public double? StaleReadRate { get; init; }

    [Description("Stale reads that missed the session's own acknowledged write; null when no read was checked.")]
    public long? ReadYourWritesViolations { get; init; }

    [Description("Reads of the session's own acknowledged writes, which the read-your-writes check applies to.")]
    public long? ReadYourWritesChecked { get; init; }

    [Description("readYourWritesViolations / readYourWritesChecked; null when no such read was made.")]
    public double? ReadYourWritesViolationRate { get; init; }

    [Description("Age of the versions stale reads returned.")]
    public AgePercentiles? StaleAgeMs { get; init; }

    [Description("Open model: started arrivals whose schedule lag exceeded lateThresholdMs; null in the closed model.")]
    public long? Late { get; init; }

    [Description("Open model: arrivals of the measured window that could not start because every virtual user (--max-vus) was busy; scheduled = started + dropped. A run with drops fails unless a dropped threshold allows them. Null in the closed model.")]
    public long? Dropped { get; init; }

    [Description("Open model: scheduled arrivals per second; null in the closed model.")]
    public double? TargetRate { get; init; }

    [Description("Open model: started operations per second; null in the closed model.")]
    public double? AchievedRate { get; init; }

    [Description("Open model: arrivals the schedule drew for the measured window (counted by scheduled time); null in the closed model.")]
    public long? Scheduled { get; init; }

    [Description("Open model: of the scheduled arrivals, those whose operation began; null in the closed model.")]
    public long? Started { get; init; }

    [Description("Open model: of the dropped arrivals, those still waiting for a free virtual user when the window closed; null in the closed model.")]
    public long? DroppedAtStop { get; init; }

    [Description("Open model: the schedule lag above which a started arrival counts as late, ms; null in the closed model.")]
    public double? LateThresholdMs { get; init; }

    [Description("Open model: how long after its scheduled time each arrival started (pgbench's schedule lag: waiting for a free virtual user plus pacing error); null in the closed model or when nothing started.")]
    public LatencyPercentiles? ScheduleLagMs { get; init; }

    [Description("How evenly the virtual users worked.")]
    public VirtualUserResults? VirtualUsers { get; init; }

    [Description("Per serving node; reads + writes over the nodes = operations + errors.")]
    public IReadOnlyList<NodeResults> Nodes { get; init => field = value ?? []; } = [];

    [Description("Per operation type.")]
    public IReadOnlyList<OperationTypeResults> OperationsByType { get; init => field = value ?? []; } = [];

    [Description("Where reads went.")]
    public RoutingResults? Routing { get; init; }

    [Description("The load generator's memory; null when it was not sampled.")]
    public MemoryResults? Memory { get; init; }

    [Description("The load generator's CPU; null when it was not measured.")]
    public GeneratorResults? Generator { get; init; }

    [Description("The primary's WAL written per second over the measured window (pg_current_wal_lsn at both ends), bytes/s: what each replica must replay to keep up. Left out when it was not read.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? WalBytesPerSecond { get; init; }

    [Description("The replicas' hot_standby_feedback during this cell as load --hot-standby-feedback set it (off or on); left out when the run did not set it.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HotStandbyFeedback { get; init; }

    [Description("Scenario long-reads: the length of each long read, seconds; left out for other scenarios.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? LongReadSeconds { get; init; }

    [Description("Scenario long-reads: recovery conflicts over the measured window, client and server; left out for other scenarios.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConflictResults? Conflicts { get; init; }

    [Description("Scenario long-reads: the primary's table before and after its updates and vacuums; left out for other scenarios.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PrimaryTableResults? PrimaryTable { get; init; }

    [Description("Why this cell's figures may measure something other than the topology (a saturated generator, emulated nodes none of which reached its CPU quota), one line each; empty when none.")]
    public IReadOnlyList<string> Warnings { get; init => field = value ?? []; } = [];

    [Description("One point per second of the measured window.")]
    public IReadOnlyList<CellSecond> TimeSeries { get; init => field = value ?? []; } = [];

    [Description("Upper bound of each replica read's staleness when it was routed.")]
    public ServedStalenessResults? ServedStaleness { get; init; }

    [Description("The wait for the replicas to replay the previous cell's backlog, before this cell's warm-up.")]
    public CatchUpResults? CatchUp { get; init; }

    [Description("Server-reported lag per replica, sampled every second of the measured window.")]
    public IReadOnlyList<ReplicaLagPoint> Lag { get; init => field = value ?? []; } = [];

    [Description("Client-observed visibility probe per replica; empty when it did not run.")]
    public IReadOnlyList<VisibilityResult> Visibility { get; init => field = value ?? []; } = [];

    [Description("Thresholds evaluated on the cell.")]
    public IReadOnlyList<ThresholdResult> Thresholds { get; init => field = value ?? []; } = [];

    /// <summary>The faults the cell ran, with their windows; empty for a run without <c>--fault</c>.</summary>
    [Description("The faults the cell ran (--fault), with what each did; empty without --fault.")]
    public IReadOnlyList<FaultResult> Faults { get; init => field = value ?? []; } = [];

    [Description("The files the cell streamed.")]
    public CellFiles? Files { get; init; }

    /// <summary>A short human label: "2 replicas, round-robin".</summary>
    [JsonIgnore]
    public string Label => $"{Replicas} replica{(Replicas == 1 ? "" : "s")}, {Policy}";
}
