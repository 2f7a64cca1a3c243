using ReplicaBench.Load.Faults;
using ReplicaBench.Load.Results;

namespace ReplicaBench.Load.Matrix;

/// <summary>One finished (or, when interrupted, partial) topology × policy cell of a matrix run; <see cref="Faults"/> holds a window per scheduled fault (null without <c>--fault</c>).</summary>
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
    IReadOnlyList<FaultWindow>? Faults = null)
{
    /// <summary>The cell id for a replica count and policy, e.g. <c>r2-round-robin</c> (also its folder name).</summary>
    public static string IdFor(int replicas, string policy) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"r{replicas}-{policy.Replace(':', '-')}");
}
