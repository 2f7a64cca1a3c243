using System.Globalization;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// One sentence for a cell with seconds in which no operation succeeded (results.json's
/// <c>stalledSeconds</c>): a closed model's percentiles hide such a stall, since nothing that waits
/// is recorded until it ends, so the report names it in words.
/// </summary>
public static class StallSentence
{
    /// <summary>The sentence, or null when the cell never stalled.</summary>
    public static string? For(CellResults cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.StalledSeconds is not { Count: > 0 } stalled)
        {
            return null;
        }

        var seconds = string.Join(", ", stalled.Select(t => string.Create(CultureInfo.InvariantCulture, $"t={t - 1:0.#}–{t:0.#} s")));
        var count = stalled.Count == 1 ? "1 second" : string.Create(CultureInfo.InvariantCulture, $"{stalled.Count} seconds");
        return $"{count} with no completed operation ({seconds}): a stall its latency percentiles do not show; see its time series and errors.";
    }
}
