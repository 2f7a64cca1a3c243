using ReplicaBench.Load.Thresholds;

namespace ReplicaBench.Load.Matrix;

/// <summary>The end of a matrix run: what ran, whether it all ran, and which thresholds failed where.</summary>
public sealed record LoadMatrixOutcome(
    string ResultsFile,
    IReadOnlyList<MatrixCell> Cells,
    bool Complete,
    IReadOnlyList<(string CellId, ThresholdResult Threshold)> Breached);
