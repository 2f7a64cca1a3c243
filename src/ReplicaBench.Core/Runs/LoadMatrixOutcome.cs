using ReplicaBench.Engine.RunResults;
using ReplicaBench.Engine.Thresholds;

namespace ReplicaBench.Runs;

/// <summary>
/// The end of a matrix run: what ran, whether it all ran, which thresholds failed where, and which
/// open-model cells dropped arrivals that no <c>dropped</c> threshold allowed.
/// </summary>
public sealed record LoadMatrixOutcome(
    string ResultsFile,
    IReadOnlyList<MatrixCell> Cells,
    bool Complete,
    IReadOnlyList<(string CellId, ThresholdResult Threshold)> Breached,
    IReadOnlyList<(string CellId, DroppedArrivalsBreach Drops)> UnallowedDrops)
{
    /// <summary>True when some cell breached a threshold or dropped arrivals unallowed: the run failed.</summary>
    public bool Failed => Breached.Count > 0 || UnallowedDrops.Count > 0;
}
