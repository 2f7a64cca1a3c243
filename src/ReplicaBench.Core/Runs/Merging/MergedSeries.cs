using ReplicaBench.Engine.RunResults;
using ReplicaBench.Results;
using static ReplicaBench.Runs.ResultsFigures;

namespace ReplicaBench.Runs.Merging;

/// <summary>
/// The per-second series of a merged cell: the shards' seconds added by t (each t counts from its
/// shard's measured start, which <c>--start-at</c> makes the same instant), throughput, errors and stale
/// reads summed (t rounded to the second, so a millisecond of skew between shards
/// does not split a second), and the second's p50/p99 read from the shards' logs added for that second.
/// </summary>
internal static class MergedSeries
{
    public static IReadOnlyList<CellSecond> Sum(IReadOnlyList<CellResults> cells, MergedCellLog log)
    {
        var latency = log.LatencyBySecond(cells[0].WarmUpSeconds);
        return
        [
            .. cells.SelectMany(c => c.TimeSeries)
                .GroupBy(s => (int)Math.Round(s.T, MidpointRounding.AwayFromZero))
                .OrderBy(g => g.Key)
                .Select(g =>
                {
                    var second = latency.TryGetValue(g.Key, out var histogram) && histogram.TotalCount > 0 ? LatencySummary.From(histogram) : null;
                    return new CellSecond(
                        g.Key,
                        Round(g.Sum(s => s.Throughput)),
                        second is null ? null : Ms(second.P50),
                        second is null ? null : Ms(second.P99),
                        g.Sum(s => s.Errors),
                        g.Sum(s => s.StaleReads));
                }),
        ];
    }
}
