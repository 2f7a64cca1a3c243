using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine.Thresholds;

/// <summary>Checks thresholds against a finished (or partial) run.</summary>
public static class ThresholdEvaluator
{
    public static IReadOnlyList<ThresholdResult> Evaluate(IEnumerable<Threshold> thresholds, LoadRunResult run)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(run);
        return [.. thresholds.Select(t => Evaluate(t, run))];
    }

    public static ThresholdResult Evaluate(Threshold threshold, LoadRunResult run)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(run);
        var actual = Measure(threshold, run);
        if (actual is not { } value)
        {
            return new ThresholdResult(threshold, false, null, "no data");
        }

        return new ThresholdResult(threshold, threshold.IsMetBy(value), value, Threshold.FormatValue(value, threshold.LimitKind));
    }

    private static double? Measure(Threshold threshold, LoadRunResult run)
    {
        if (threshold.Metric is ThresholdMetric.Late or ThresholdMetric.Dropped)
        {
            return MeasureArrivals(threshold, run.Arrivals);
        }

        var stats = Scope(threshold.Scope, run);
        if (stats is null)
        {
            return null;
        }

        var latency = stats.Latency;
        var count = threshold.LimitKind == ThresholdLimitKind.Count;
        return threshold.Metric switch
        {
            _ when threshold.IsLatency && latency.Count == 0 => null,
            ThresholdMetric.P50 => latency.P50,
            ThresholdMetric.P75 => latency.P75,
            ThresholdMetric.P90 => latency.P90,
            ThresholdMetric.P95 => latency.P95,
            ThresholdMetric.P99 => latency.P99,
            ThresholdMetric.P999 => latency.P999,
            ThresholdMetric.Max => latency.Max,
            ThresholdMetric.Mean => latency.Mean,
            ThresholdMetric.Errors when count => stats.Failed,
            ThresholdMetric.Errors => stats.Completed == 0 ? null : stats.ErrorRate,
            ThresholdMetric.StaleReads when count => stats.StaleReads,
            ThresholdMetric.StaleReads => stats.StaleReadRate,
            ThresholdMetric.ReadYourWritesViolations when count => stats.ReadYourWritesViolations,
            ThresholdMetric.ReadYourWritesViolations => stats.ReadYourWritesViolationRate,
            ThresholdMetric.Throughput => run.MeasuredDuration > TimeSpan.Zero ? stats.Throughput : null,
            _ => null,
        };
    }

    private static double? MeasureArrivals(Threshold threshold, ArrivalStats? arrivals)
    {
        if (arrivals is null)
        {
            return null;
        }

        // Dropped is a share of the arrivals scheduled; late, of those that started (only they have a lag).
        var (value, of) = threshold.Metric == ThresholdMetric.Late
            ? (arrivals.Late, arrivals.Started)
            : (arrivals.Dropped, arrivals.Scheduled);
        if (threshold.LimitKind == ThresholdLimitKind.Count)
        {
            return value;
        }

        return of == 0 ? null : value / (double)of;
    }

    private static OperationStats? Scope(string? scope, LoadRunResult run)
    {
        if (scope is null)
        {
            return run.Total;
        }

        var at = scope.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var operation = scope[..at];
            var node = scope[(at + 1)..];
            return run.Buckets.FirstOrDefault(c => c.Operation == operation && c.Node == node)?.Stats;
        }

        return run.Operations.FirstOrDefault(o => o.Name == scope)?.Stats
            ?? run.Nodes.FirstOrDefault(n => n.Name == scope)?.Stats;
    }
}
