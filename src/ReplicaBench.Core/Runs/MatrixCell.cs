using ReplicaBench.Engine.RunResults;
using ReplicaBench.Results;
using ReplicaBench.Workload;

namespace ReplicaBench.Runs;

/// <summary>
/// One finished (or, when interrupted, partial) topology × policy cell of a matrix run.
/// <paramref name="Mix"/> is the operation mix the cell ran (results.json writes its weights, so a
/// <c>custom</c> cell says what it was without the run's settings); <paramref name="Faults"/> holds a
/// window per scheduled fault (null without <c>--fault</c>). <paramref name="IntendedVsServed"/> and
/// <paramref name="Fallbacks"/> count the measured window's reads, succeeded or failed, like the
/// per-node reads of <see cref="LoadRunResult.Nodes"/> (they are the engine's
/// <see cref="LoadRunResult.ReadsByIntendedAndServed"/> and <see cref="LoadRunResult.ReadFallbacks"/>),
/// so the intended-vs-served reads add up to the per-node reads.
/// </summary>
public sealed record MatrixCell(
    string Id,
    int Replicas,
    string Policy,
    string Scenario,
    LoadRunResult Result,
    IReadOnlyList<ReplicaLagPoint> Lag,
    IReadOnlyList<RoutedReads> IntendedVsServed,
    long Fallbacks,
    string? HistogramLog,
    string? Series,
    WorkloadMix? Mix = null,
    IReadOnlyList<FaultResult>? Faults = null)
{
    /// <summary>The cell id for a replica count and policy, e.g. <c>r2-round-robin</c> (also its folder name).</summary>
    public static string IdFor(int replicas, string policy) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"r{replicas}-{policy.Replace(':', '-')}");

    /// <summary>
    /// The id of repeat <paramref name="repeat"/> (1-based) of a cell: the first keeps
    /// <see cref="IdFor(int, string)"/>, later ones add <c>#k</c>, e.g. <c>r0-primary-only#2</c>.
    /// </summary>
    public static string IdFor(int replicas, string policy, int repeat) =>
        repeat <= 1 ? IdFor(replicas, policy) : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{IdFor(replicas, policy)}#{repeat}");

    /// <summary>
    /// The id of a cell run with the replicas' <c>hot_standby_feedback</c> set to <paramref name="hotStandbyFeedback"/>
    /// (<c>load --hot-standby-feedback</c>): <c>-hsf-off</c> or <c>-hsf-on</c> after the policy, e.g.
    /// <c>r1-round-robin-hsf-on</c>; without a value, <see cref="IdFor(int, string, int)"/>.
    /// </summary>
    public static string IdFor(int replicas, string policy, int repeat, bool? hotStandbyFeedback) =>
        hotStandbyFeedback is not { } on ? IdFor(replicas, policy, repeat)
        : IdFor(replicas, $"{policy}-hsf-{(on ? "on" : "off")}", repeat);

    /// <summary>Which measurement of the cell this is with <c>--repeat</c> (1-based; 1 without repeats).</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>The visibility probe per replica over the measured window; empty when it did not run.</summary>
    public IReadOnlyList<CellVisibility> Visibility { get; init; } = [];

    /// <summary>
    /// How stale the replicas that served reads in the measured window could have been, by the
    /// router's board (upper bound of the last lag sample plus its age, when each was routed);
    /// null when the cell has no replicas.
    /// </summary>
    public Routing.ServedStaleness? ServedStaleness { get; init; }

    /// <summary>
    /// The wait before the cell's warm-up for every replica to replay the primary's WAL as it was
    /// then (the backlog the previous cell, or the seeding, left); null when the cell has no replicas.
    /// </summary>
    public CatchUpWait? CatchUp { get; init; }

    /// <summary>What the cell's workload noticed that the user should fix, e.g. a script classified as a read that writes; one line each.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The emulated nodes' CPU over the measured window, and the quotas on the generator's machine.</summary>
    public CellCpu Cpu { get; init; } = CellCpu.None;

    /// <summary>The primary's WAL bytes per second over the measured window (<see cref="Measurement.WalRateWindow"/>); null when not read.</summary>
    public double? WalBytesPerSecond { get; init; }

    /// <summary>Scenario <c>long-reads</c>: the window's recovery conflicts and the primary's table; null for other scenarios.</summary>
    public CellConflictFigures? Conflicts { get; init; }

    /// <summary>The replicas' <c>hot_standby_feedback</c> the run set for this cell (<c>load --hot-standby-feedback</c>); null when it set none.</summary>
    public bool? HotStandbyFeedback { get; init; }

    /// <summary>With <c>--shard</c>: the instant every shard planned the cell's load to start, and when it started here.</summary>
    public (DateTimeOffset Planned, DateTimeOffset Started)? ShardStart { get; init; }
}
