using ReplicaBench.Engine;
using ReplicaBench.Engine.Sharding;
using ReplicaBench.Routing;
using ReplicaBench.Runs.Faults;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Emulation;

namespace ReplicaBench.Runs;

/// <summary>
/// Everything a matrix run needs, already validated by the front end: what to run, on which
/// topologies and policies, with which load shape, and where results go. The text fields keep the
/// CLI spelling because results.json records settings as the user would type them again.
/// </summary>
public sealed record LoadMatrixSettings
{
    /// <summary>The scenario to run in every cell.</summary>
    public required IWorkloadScenario Scenario { get; init; }

    /// <summary>Replica counts to provision, in order; null with a state dir means "whatever is up there".</summary>
    public IReadOnlyList<int>? Replicas { get; init; }

    /// <summary>Policies to run on each topology, in order.</summary>
    public required IReadOnlyList<RoutingPolicySpec> Policies { get; init; }

    /// <summary>The load shape (closed or open) of every cell.</summary>
    public required LoadShape Load { get; init; }

    /// <summary>Measured duration of each cell.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Warm-up of each cell (run, not counted).</summary>
    public TimeSpan WarmUp { get; init; }

    /// <summary>
    /// Extra warm-up for the run's first cell only, which also warms the load generator: the first
    /// cell in a process reached its steady rate after about 6 s here (JIT tiering under full load),
    /// later cells after about 3 s, so without it the first cell reads 20–30% low.
    /// </summary>
    /// <value>Default 5 s; zero turns it off.</value>
    public TimeSpan FirstCellExtraWarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Apply delays for provisioned topologies (ignored with a state dir).</summary>
    public ApplyDelayPlan ApplyDelays { get; init; } = ApplyDelayPlan.None;

    /// <summary>Each provisioned server's emulated size (ignored with a state dir, whose topology has its own).</summary>
    public NodeBudget NodeBudget { get; init; } = NodeBudget.None;

    /// <summary>What <c>--node-cpus auto</c> chose, or why it could not emulate, in one line for the run's output; null otherwise.</summary>
    public string? EmulationNote { get; init; }

    /// <summary>Rows seeded once per topology.</summary>
    public long SeedRows { get; init; } = 100_000;

    /// <summary>Mixed into every virtual user's random seed (<c>--random-seed</c>); null: the default seeds.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Leave the database as it is (<c>--no-seed</c>): no seeding, the suite's own table untouched.</summary>
    public bool NoSeed { get; init; }

    /// <summary>
    /// Faults injected into every cell (times from the end of the warm-up). A schedule with a
    /// failover reshapes the topology for good, so each of its cells gets a freshly provisioned one.
    /// </summary>
    public FaultSchedule Faults { get; init; } = FaultSchedule.None;

    /// <summary>
    /// Time between the visibility probe's markers in each cell with replicas (see
    /// <see cref="CellVisibilityProbe"/>), or null for no probe.
    /// </summary>
    /// <value>Default 200 ms: about 5 marker writes a second, negligible next to the load.</value>
    public TimeSpan? VisibilityProbeSpacing { get; init; } = DefaultVisibilityProbeSpacing;

    /// <summary>
    /// How long one operation of a virtual user, its connection's opening included, may take before
    /// it ends as a <c>timeout</c> error (<see cref="Routing.RouterOptions.OperationTimeout"/>).
    /// </summary>
    public TimeSpan OperationTimeout { get; init; } = DefaultOperationTimeout;

    /// <summary>
    /// The replicas' <c>hot_standby_feedback</c> per cell (<c>load --hot-standby-feedback</c>): each
    /// policy's cell runs once per value, in this order, on the same topology; null leaves the
    /// topology's own setting alone.
    /// </summary>
    public IReadOnlyList<bool>? HotStandbyFeedback { get; init; }

    /// <summary>Cells per policy and repeat: one per <see cref="HotStandbyFeedback"/> value, else 1.</summary>
    public int FeedbackValues => HotStandbyFeedback?.Count ?? 1;

    /// <summary>The default of <see cref="OperationTimeout"/>: far above any operation of the built-in scenarios (milliseconds), short enough that a frozen node stalls a user for seconds, not for good.</summary>
    public static readonly TimeSpan DefaultOperationTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The default of <see cref="VisibilityProbeSpacing"/>.</summary>
    public static readonly TimeSpan DefaultVisibilityProbeSpacing = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long, before each cell's warm-up, the runner waits for every replica to replay the
    /// primary's current WAL position; a cell that starts without it is flagged and warned about.
    /// </summary>
    /// <value>Default 30 s: far beyond any apply delay the suite sets, short enough that a replica
    /// that stopped replaying costs half a minute, not the run.</value>
    public TimeSpan CatchUpTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the catch-up wait asks each replica how far it has replayed.</summary>
    /// <value>Null: <see cref="Workload.ReplayCatchUp.DefaultPollInterval"/> (2 ms). <c>limits</c> asks every
    /// 100 ms: a replica with a hundredth of a CPU spends its whole budget answering a 2 ms poll
    /// (measured: it answered 39 of 100 queries a second), and would replay its backlog no faster than the poll let it.</value>
    public TimeSpan? CatchUpPollInterval { get; init; }

    /// <summary>
    /// How many times each cell is measured (<c>--repeat</c>), alternating: on each topology all
    /// policies run once, then all again, so a slow drift of the machine spreads over every policy
    /// instead of landing on the last one. Repeat k &gt; 1 of a cell has the id <c>&lt;id&gt;#k</c>;
    /// compare measures the between-run variance from the repeats.
    /// </summary>
    /// <value>Default 1: each cell once, ids as without repeats.</value>
    public int Repeat { get; init; } = 1;

    /// <summary>Threshold expressions checked in every cell, e.g. <c>p99&lt;5ms</c>.</summary>
    public IReadOnlyList<string> Thresholds { get; init; } = [];

    /// <summary>The run folder; results.json and cells/ are written there.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Run on the topology already up in this state dir instead of provisioning.</summary>
    public TopologyStateDirectory? StateDirectory { get; init; }

    /// <summary>Topology provider used when provisioning.</summary>
    public string Provider { get; init; } = "local";

    /// <summary>
    /// This run's shard of the matrix (<c>--shard i/N --start-at T</c>), or null for the whole.
    /// <see cref="Load"/> is then already this shard's share; only shard 1 seeds, probes and samples lag.
    /// </summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>
    /// With <see cref="Shard"/>: the time left between one cell's planned end and the next cell's
    /// planned start, for the catch-up wait, the drain and the router's settling (see <see cref="ShardSchedule"/>).
    /// </summary>
    /// <value>Default 10 s: the catch-up after a cell takes well under a second on a healthy topology.</value>
    public TimeSpan ShardCellGap { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Settings as typed (CLI spelling), copied verbatim into results.json's <c>run.settings</c>.</summary>
    public required IReadOnlyDictionary<string, object?> SettingsForResults { get; init; }
}
