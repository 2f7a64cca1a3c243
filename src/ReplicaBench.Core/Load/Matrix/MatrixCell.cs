using ReplicaBench.Load.Faults;
using ReplicaBench.Load.Results;
using ReplicaBench.Workload;

namespace ReplicaBench.Load.Matrix;

/// <summary>
/// One finished (or, when interrupted, partial) topology × policy cell of a matrix run.
/// <paramref name="Mix"/> is the operation mix the cell ran (results.json writes its weights, so a
/// <c>custom</c> cell says what it was without the run's settings); <paramref name="Faults"/> holds a
/// window per scheduled fault (null without <c>--fault</c>).
/// </summary>
public sealed record MatrixCell(
    string Id,
    int Replicas,
    string Policy,
    string Scenario,
    LoadRunResult Result,
    IReadOnlyList<LagPoint> Lag,
    IReadOnlyList<IntendedServedReads> IntendedVsServed,
    long Fallbacks,
    string? HistogramLog,
    string? Series,
    WorkloadMix? Mix = null,
    IReadOnlyList<FaultWindow>? Faults = null)
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

    /// <summary>Which measurement of the cell this is with <c>--repeat</c> (1-based; 1 without repeats).</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>The visibility probe per replica over the measured window; empty when it did not run.</summary>
    public IReadOnlyList<CellVisibility> Visibility { get; init; } = [];
}
