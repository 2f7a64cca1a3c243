namespace ReplicaBench.Reporting.Results;

/// <summary>
/// The files a cell wrote beside results.json (<c>cells[].files</c>), relative to the run folder;
/// a file the cell did not write is null.
/// </summary>
public sealed record CellFiles
{
    /// <summary>The HdrHistogram interval log, e.g. <c>cells/r2-round-robin/latency.hlog</c>: one histogram per second and tag.</summary>
    public string? HistogramLog { get; init; }

    /// <summary>The per-interval series, e.g. <c>cells/r2-round-robin/series.jsonl</c>.</summary>
    public string? Series { get; init; }
}
