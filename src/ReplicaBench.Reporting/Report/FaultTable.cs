using System.Globalization;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// The faults table shared by summary.md and index.html: one row per fault per cell, policies side
/// by side, so "which policy kept serving reads while a replica was gone or lagging" reads down a column.
/// </summary>
internal static class FaultTable
{
    public static readonly string[] Headers =
    [
        "Cell", "Fault", "First / last error (s)", "Errors", "Recovery (ms)", "Reads redirected (to primary)", "Stale reads", "Write unavailable (ms)",
    ];

    /// <summary>The rows, cells in report order, faults in schedule order; empty when no cell ran faults.</summary>
    public static IReadOnlyList<string[]> Rows(IReadOnlyList<CellResults> orderedCells) =>
    [
        .. orderedCells.SelectMany(cell => cell.Faults.Select(f => new[]
        {
            cell.Id,
            f.Error is null ? f.Label : $"{f.Label} (failed: {f.Error})",
            f.FirstErrorAt is { } first ? $"{Seconds(first)} / {Seconds(f.LastErrorAt ?? first)}" : "–",
            Errors(f),
            f.StartedAt is null ? "not reached" : f.RecoveryMs is { } recovery ? Format.Integer((long)Math.Round(recovery)) : "not recovered",
            $"{Format.Integer(f.ReadsRedirected)} ({Format.Integer(f.ReadsRedirectedToPrimary)})",
            Format.Integer(f.StaleReads),
            f.Kind != "failover" ? "–" : f.WriteUnavailableMs is { } unavailable ? Format.Integer((long)Math.Round(unavailable)) : "writes never resumed",
        })),
    ];

    /// <summary>What the table's figures mean, in one paragraph under it.</summary>
    public const string Note =
        "Each fault's window runs from the fault to the next one (or the end of the run). Recovery: until throughput was back at 90% of its level in the 5 s before the first fault, " +
        "from the one-second series (0: it never dropped below). Reads redirected: reads served elsewhere than the policy wanted first. Write unavailable: from the failover until the first write succeeded on the new primary.";

    private static string Errors(FaultResult fault) =>
        fault.Errors == 0
            ? "0"
            : $"{Format.Integer(fault.Errors)} ({string.Join(", ", fault.ErrorsByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {Format.Integer(k.Value)}"))})";

    private static string Seconds(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
