using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// Each operation type of each cell on its own line (the built-in point-read, update, ..., or one
/// line per script of a <c>--script</c> run): how many ran and failed, their latency, and their
/// stale reads where the suite could check them. For the HTML and Markdown reports alike.
/// </summary>
public static class OperationTypeTable
{
    public const string Title = "Operations by type";

    public static IReadOnlyList<string> Headers { get; } =
        ["Cell", "Operation", "Operations", "Errors", "p50 (ms)", "p99 (ms)", "p99.9 (ms)", "Stale reads"];

    public const string Note =
        "Latency of each operation type over the measured window. A script is one operation type, named after its file; its reads are not checked row by row (\"not checked\"), the visibility probe and the replay lag measure their staleness.";

    /// <summary>One row per operation type that ran, cells in order.</summary>
    public static IReadOnlyList<string[]> Rows(IReadOnlyList<CellResults> cells) =>
    [
        .. cells.SelectMany(c => c.OperationsByType.Where(t => t.Count > 0).Select(t => new[]
        {
            c.Id,
            t.Operation,
            Format.Integer(t.Count),
            Format.Integer(t.Errors),
            Format.Number(t.LatencyMs.P50),
            Format.Number(t.LatencyMs.P99),
            Format.Number(t.LatencyMs.P999),
            t.StaleChecked is null or 0 ? "not checked" : Format.Integer(t.StaleReads),
        })),
    ];
}
