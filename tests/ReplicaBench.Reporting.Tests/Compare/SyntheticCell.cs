using System.Text.Json.Nodes;
using HdrHistogram;

namespace ReplicaBench.Reporting.Tests.Compare;

/// <summary>One synthetic cell: its id, its per-second histograms, whether it has a log, and any edit of its JSON.</summary>
internal sealed record SyntheticCell(string Id, IReadOnlyList<HistogramBase> Seconds)
{
    public bool WithLog { get; init; } = true;

    public Action<JsonObject>? Edit { get; init; }
}
