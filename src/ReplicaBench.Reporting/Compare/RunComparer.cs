using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// Compares a candidate run with a baseline, cell by cell (matched by id) and benchmark by
/// benchmark (matched by full name and parameters). A change is a regression only when it is
/// worse by more than the threshold AND by more than the run-to-run noise: for load cells the
/// <see cref="NoiseBand"/> of the per-second series, for microbenchmarks BenchmarkDotNet's
/// confidence intervals (they must not overlap). Runs of different scenarios or mixes, or with nothing in
/// common, are refused as bad input: comparing them would mean nothing.
/// </summary>
public static class RunComparer
{
    private static readonly LoadMetric[] Metrics =
    [
        new("throughput", "ops/s", true, c => c.Throughput, p => p.Throughput, null),
        new("p50", "ms", false, c => c.LatencyMs?.P50, p => p.P50Ms, null),
        new("p99", "ms", false, c => c.LatencyMs?.P99, p => p.P99Ms, null),
        // No per-second p99.9 exists: its noise is taken as p99's relative noise.
        new("p99.9", "ms", false, c => c.LatencyMs?.P999, null, "p99"),
        new("error rate", "%", false, c => c.Operations + c.Errors > 0 ? 100.0 * c.Errors / (c.Operations + c.Errors) : 0, p => p.Throughput + p.Errors > 0 ? 100.0 * p.Errors / (p.Throughput + p.Errors) : 0, null),
        new("stale-read rate", "%", false, c => c.StaleReadRate * 100, null, "throughput"),
    ];

    public static ComparisonResult Compare(RunFolder baseline, RunFolder candidate, double threshold)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var baseScenario = baseline.Load?.Run.Scenario;
        var candidateScenario = candidate.Load?.Run.Scenario;
        if (baseline.Load is not null && candidate.Load is not null && !string.Equals(baseScenario, candidateScenario, StringComparison.Ordinal))
        {
            throw new BadInputException($"the runs do not match: baseline scenario '{baseScenario}', candidate '{candidateScenario}'; compare runs of the same scenario.");
        }

        // Two 'custom' runs (--mix) share a scenario name but not necessarily a workload.
        var baseMix = baseline.Load?.Run.Mix;
        var candidateMix = candidate.Load?.Run.Mix;
        if (baseMix is not null && candidateMix is not null && !string.Equals(baseMix, candidateMix, StringComparison.Ordinal))
        {
            throw new BadInputException($"the runs do not match: baseline mix '{baseMix}', candidate '{candidateMix}'; compare runs of the same mix.");
        }

        var changes = new List<MetricChange>();
        var baseCells = baseline.Cells.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var candidateCells = candidate.Cells.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var id in baseCells.Keys.Intersect(candidateCells.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            changes.AddRange(CompareCell(baseCells[id], candidateCells[id], threshold));
        }

        var baseMicro = baseline.Micro.GroupBy(b => b.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var candidateMicro = candidate.Micro.GroupBy(b => b.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var commonMicro = baseMicro.Keys.Intersect(candidateMicro.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        foreach (var key in commonMicro)
        {
            changes.Add(CompareBenchmark(baseMicro[key], candidateMicro[key], threshold));
        }

        if (changes.Count == 0)
        {
            throw new BadInputException("the runs do not match: no cell id and no benchmark is in both; compare runs of the same matrix (same replicas and policies).");
        }

        return new ComparisonResult(
            Name(baseline),
            Name(candidate),
            threshold,
            changes,
            baseCells.Keys.Except(candidateCells.Keys, StringComparer.Ordinal).Concat(baseMicro.Keys.Except(candidateMicro.Keys, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToArray(),
            candidateCells.Keys.Except(baseCells.Keys, StringComparer.Ordinal).Concat(candidateMicro.Keys.Except(baseMicro.Keys, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToArray());
    }

    private static IEnumerable<MetricChange> CompareCell(CellResults baseline, CellResults candidate, double threshold)
    {
        foreach (var metric in Metrics)
        {
            if (metric.Value(baseline) is not { } baseValue || metric.Value(candidate) is not { } candidateValue)
            {
                continue;
            }

            var noise = NoiseBand.OfDifference(StandardError(metric, baseline, baseValue), StandardError(metric, candidate, candidateValue));
            yield return new MetricChange(baseline.Id, metric.Name, metric.Unit, metric.HigherIsBetter, baseValue, candidateValue, noise,
                Judge(baseValue, candidateValue, noise, threshold, metric.HigherIsBetter));
        }
    }

    private static double StandardError(LoadMetric metric, CellResults cell, double value)
    {
        if (metric.PerSecond is not null)
        {
            return NoiseBand.StandardError(cell.TimeSeries.Select(metric.PerSecond).OfType<double>().ToArray());
        }

        // Borrow another metric's relative noise (e.g. p99.9 from p99) when this one has no series.
        var proxy = Metrics.FirstOrDefault(m => m.Name == metric.NoiseFrom);
        if (proxy?.PerSecond is null || proxy.Value(cell) is not { } proxyValue || proxyValue == 0)
        {
            return 0;
        }

        return value * NoiseBand.StandardError(cell.TimeSeries.Select(proxy.PerSecond).OfType<double>().ToArray()) / proxyValue;
    }

    private static MetricChange CompareBenchmark(MicroBenchmarkResult baseline, MicroBenchmarkResult candidate, double threshold)
    {
        // BenchmarkDotNet's intervals: a change counts only when they do not overlap.
        var overlap = candidate.CiLowerNs <= baseline.CiUpperNs && baseline.CiLowerNs <= candidate.CiUpperNs;
        var noise = ((baseline.CiUpperNs - baseline.CiLowerNs) / 2) + ((candidate.CiUpperNs - candidate.CiLowerNs) / 2);
        var verdict = overlap ? ChangeVerdict.Unchanged : Judge(baseline.MeanNs, candidate.MeanNs, 0, threshold, higherIsBetter: false);
        return new MetricChange(baseline.Label, "mean", "ns", false, baseline.MeanNs, candidate.MeanNs, noise, verdict);
    }

    private static ChangeVerdict Judge(double baseline, double candidate, double noise, double threshold, bool higherIsBetter)
    {
        var difference = candidate - baseline;
        var relative = baseline == 0 ? (difference == 0 ? 0 : double.PositiveInfinity) : Math.Abs(difference / baseline);
        if (Math.Abs(difference) <= noise || relative <= threshold)
        {
            return ChangeVerdict.Unchanged;
        }

        return (difference > 0) == higherIsBetter ? ChangeVerdict.Improvement : ChangeVerdict.Regression;
    }

    private static string Name(RunFolder folder) => folder.Load?.Run.Id is { Length: > 0 } id ? $"run {id}" : folder.Directory;

    private sealed record LoadMetric(string Name, string Unit, bool HigherIsBetter, Func<CellResults, double?> Value, Func<TimeSeriesPoint, double?>? PerSecond, string? NoiseFrom);
}
