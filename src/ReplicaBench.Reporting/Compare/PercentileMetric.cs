using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// A latency percentile, judged on the cell's histogram intervals (<c>latency.hlog</c>): each
/// bootstrap replicate adds up a moving-block resample of the per-second histograms and reads the
/// percentile off the sum. Without a log, the mean of the per-second values stands in (seconds
/// without operations left out: they measured nothing); a percentile without either (p99.9 has no
/// per-second value) rests on the between-run floor and the tail rule alone — it borrows no other
/// metric's noise. The tail rule (<see cref="TailRule"/>) sets the smallest change it can be judged on.
/// </summary>
internal sealed class PercentileMetric(string name, double percentile, Func<LatencyPercentiles, double?> value, Func<CellSecond, double?>? perSecond) : ILoadMetric
{
    public MetricChange? Compare(string cell, IReadOnlyList<CellEvidence> baseline, IReadOnlyList<CellEvidence> candidate, double minimumChange, int seed)
    {
        if (Samples(baseline) is not { } b || Samples(candidate) is not { } c)
        {
            return null;
        }

        var required = Math.Max(minimumChange, TailRule.MinimumChange(Tail(baseline), Tail(candidate)));
        var sources = baseline.Concat(candidate).Select(Source).Distinct().ToArray();
        return RatioChange.Build(cell, name, "ms", higherIsBetter: false, b, c, string.Join(" / ", sources), required, minimumChange, seed);
    }

    private List<MetricSample>? Samples(IReadOnlyList<CellEvidence> repeats)
    {
        var samples = new List<MetricSample>();
        foreach (var evidence in repeats)
        {
            if (evidence.Cell.LatencyMs is not { } latency || value(latency) is not { } measured)
            {
                return null;
            }

            samples.Add(Sample(evidence, measured));
        }

        return samples;
    }

    private MetricSample Sample(CellEvidence evidence, double measured)
    {
        if (evidence.Intervals is { } intervals)
        {
            return new MetricSample(measured, evidence.PercentileDeviations(percentile), intervals.Count, evidence.BetweenRunSd);
        }

        if (perSecond is null)
        {
            return new MetricSample(measured, null, 0, evidence.BetweenRunSd);
        }

        var seconds = evidence.Cell.TimeSeries.Where(p => p.Throughput > 0).Select(perSecond).OfType<double>().Where(v => v > 0).ToArray();
        return new MetricSample(measured, WithinRunBootstrap.OfMean(seconds, evidence.Seed + 2 + (int)(percentile * 10)), seconds.Length, evidence.BetweenRunSd);
    }

    private string Source(CellEvidence evidence) =>
        evidence.Intervals is not null ? "per-second histograms (latency.hlog)" : perSecond is not null ? $"per-second {name} values (no latency.hlog)" : "no per-interval data";

    private double Tail(IReadOnlyList<CellEvidence> repeats) =>
        repeats.Sum(e => TailRule.TailSamples(e.Intervals?.TotalCount ?? e.Cell.Operations, percentile));
}
