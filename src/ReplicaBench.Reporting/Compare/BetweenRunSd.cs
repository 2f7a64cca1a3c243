using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// The between-run standard deviation (log scale) compare assumes for one measured cell: the
/// <see cref="BetweenRunFloor"/>, or more when the run itself shows a noisier machine — the
/// scatter of its seconds (standard deviation of log per-second throughput, and of log per-second
/// p50, whichever is larger; seconds without operations left out). A run whose seconds differ by
/// 30% from each other can land 30% away from the next run, and on a busy shared VM they do:
/// four identical 3 s runs under a load average of 20 gave p50 0.14 to 0.54 ms, with per-second
/// p50 in one run from 0.09 to 0.37 ms. Where the noise is fast the scatter overstates the level's
/// spread (conservative); slow drift the run cannot see is what the floor is for.
/// </summary>
/// <remarks>
/// Measured on that VM (load average about 15): eight identical 3 s runs, compared in all 56
/// ordered pairs, gave 18 false regressions with the floor alone and none with this bound; the same
/// primary throttled to a quarter CPU was still a regression against 7 of the 8 (the eighth run's
/// seconds scattered by 67%).
/// </remarks>
internal static class BetweenRunSd
{
    public static double Of(CellResults cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var seconds = cell.TimeSeries.Where(p => p.Throughput > 0).ToArray();
        var throughput = StandardDeviation([.. seconds.Select(p => Math.Log(p.Throughput))]);
        var p50 = StandardDeviation([.. seconds.Where(p => p.P50Ms > 0).Select(p => Math.Log(p.P50Ms!.Value))]);
        return Math.Max(BetweenRunFloor.RelativeSd, Math.Max(throughput, p50));
    }

    /// <summary>Says where the σ came from: "9% (floor)" or "31% (per-second scatter)".</summary>
    public static string Describe(double sd) =>
        sd <= BetweenRunFloor.RelativeSd
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sd:0%} (floor)")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sd:0%} (per-second scatter)");

    private static double StandardDeviation(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}
