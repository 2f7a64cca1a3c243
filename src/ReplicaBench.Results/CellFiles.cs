using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>The files a cell streamed, relative to the run folder.</summary>
public sealed record CellFiles
{
    [Description("HdrHistogram interval log (one compressed histogram per second, µs), e.g. cells/r0-primary-only/latency.hlog.")]
    public string? HistogramLog { get; init; }

    [Description("Per-second series, JSON lines, e.g. cells/r0-primary-only/series.jsonl.")]
    public string? Series { get; init; }
}
