using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Charts;

/// <summary>
/// The cell every other is measured against: primary-only on the smallest topology (what you had
/// before adding replicas), else the smallest topology's first cell.
/// </summary>
public static class ReportBaseline
{
    public const string PrimaryOnly = "primary-only";

    public static CellResults? Find(IReadOnlyList<CellResults> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
        {
            return null;
        }

        var smallest = cells.Min(c => c.Replicas);
        return cells.FirstOrDefault(c => c.Replicas == smallest && c.Policy == PrimaryOnly)
            ?? cells.FirstOrDefault(c => c.Policy == PrimaryOnly)
            ?? cells.First(c => c.Replicas == smallest);
    }
}
