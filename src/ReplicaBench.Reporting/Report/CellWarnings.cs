using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// The cells' warnings (a saturated generator, no node at its quota) and stalls (<see cref="StallSentence"/>),
/// each named by its cell, for the top of the report.
/// </summary>
public static class CellWarnings
{
    public static IReadOnlyList<string> Lines(IReadOnlyList<CellResults> cells) =>
        [.. cells.SelectMany(c => c.Warnings.Append(StallSentence.For(c)).OfType<string>().Select(w => $"{c.Id}: {w}"))];
}
