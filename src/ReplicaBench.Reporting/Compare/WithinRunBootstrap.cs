namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// How much a metric of one run moves when its own intervals are redrawn (moving-block bootstrap,
/// seeded): per replicate, log(metric of the resample) − log(metric of the run). These deviations
/// are the within-run part of the noise; <see cref="BetweenRunSd"/> or repeats add the rest.
/// </summary>
internal static class WithinRunBootstrap
{
    /// <summary>Replicates per run and metric: enough for a stable 2.5% / 97.5% quantile (about 50 replicates beyond each).</summary>
    public const int Replicates = 2000;

    /// <summary>Deviations of the mean of per-interval <paramref name="values"/>; null with fewer than 2 intervals or a mean ≤ 0.</summary>
    public static double[]? OfMean(IReadOnlyList<double> values, int seed)
    {
        ArgumentNullException.ThrowIfNull(values);
        var mean = values.Count > 0 ? values.Average() : 0;
        if (values.Count < 2 || mean <= 0)
        {
            return null;
        }

        var random = new Random(seed);
        var blockLength = MovingBlocks.Length(values.Count);
        var chosen = new int[values.Count];
        var deviations = new double[Replicates];
        for (var r = 0; r < Replicates; r++)
        {
            MovingBlocks.Draw(random, blockLength, chosen);
            double sum = 0;
            foreach (var i in chosen)
            {
                sum += values[i];
            }

            // A resample of only empty seconds gives −∞: the interval then reaches −100%, which is the truth.
            deviations[r] = Math.Log(sum / chosen.Length / mean);
        }

        return deviations;
    }

    /// <summary>Deviations of each of <paramref name="percentiles"/> (ascending) over resampled histogram intervals; null entries when it cannot be estimated.</summary>
    public static double[]?[] OfPercentiles(LatencyIntervals intervals, IReadOnlyList<double> percentiles, int seed)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentNullException.ThrowIfNull(percentiles);
        var result = new double[]?[percentiles.Count];
        if (intervals.Count < 2 || intervals.TotalCount == 0)
        {
            return result;
        }

        var asked = percentiles.ToArray();
        var scratch = new int[intervals.Count];
        var point = new double[asked.Length];
        var all = Enumerable.Range(0, intervals.Count).ToArray();
        intervals.Percentiles(all, asked, point, scratch);
        for (var p = 0; p < asked.Length; p++)
        {
            result[p] = new double[Replicates];
        }

        var random = new Random(seed);
        var blockLength = MovingBlocks.Length(intervals.Count);
        var chosen = new int[intervals.Count];
        var values = new double[asked.Length];
        for (var r = 0; r < Replicates; r++)
        {
            MovingBlocks.Draw(random, blockLength, chosen);
            intervals.Percentiles(chosen, asked, values, scratch);
            for (var p = 0; p < asked.Length; p++)
            {
                result[p]![r] = Math.Log(values[p] / point[p]);
            }
        }

        return result;
    }
}
