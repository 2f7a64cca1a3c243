namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// Successful operations per second, judged on the per-second series: the mean of moving blocks of
/// seconds, every measured second counted (an empty second is a real zero of throughput).
/// </summary>
internal sealed class ThroughputMetric : ILoadMetric
{
    public MetricChange? Compare(string cell, IReadOnlyList<CellEvidence> baseline, IReadOnlyList<CellEvidence> candidate, double minimumChange, int seed) =>
        RatioChange.Build(cell, "throughput", "ops/s", higherIsBetter: true, Samples(baseline), Samples(candidate), "per-second throughputs", minimumChange, minimumChange, seed);

    private static List<MetricSample> Samples(IReadOnlyList<CellEvidence> repeats) =>
    [
        .. repeats.Select(e =>
        {
            var seconds = e.Cell.TimeSeries.Select(p => p.Throughput).ToArray();
            return new MetricSample(e.Cell.Throughput, WithinRunBootstrap.OfMean(seconds, e.Seed + 1), seconds.Length, e.BetweenRunSd);
        }),
    ];
}
