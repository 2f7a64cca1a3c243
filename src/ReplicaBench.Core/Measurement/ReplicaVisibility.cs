using HdrHistogram;

namespace ReplicaBench.Measurement;

/// <summary>
/// One replica's visibility delays from a <see cref="VisibilityProbe"/>: for each marker, the time
/// from the primary acknowledging its commit to the first read on this replica that saw it.
/// </summary>
/// <param name="Name">Replica name.</param>
/// <param name="ApplyDelayMs">The replica's <c>recovery_min_apply_delay</c> in ms as the server reported it when
/// the probe started (0: none; null: the replica could not be asked).</param>
/// <param name="Samples">Markers seen within the timeout (the histogram's count).</param>
/// <param name="Timeouts">Markers not seen within <see cref="VisibilityProbeOptions.Timeout"/> of their acknowledgement.</param>
/// <param name="Histogram">Delays in microseconds (<see cref="VisibilityHistogram"/> shape): add histograms
/// of several probes or runs together, or plot the t-visibility curve from it.</param>
/// <param name="MeanResolution">Average width of the window in which a marker became visible (from the
/// last poll that missed it, or the acknowledgement, to the first that saw it): the measured delay
/// exceeds the true one by at most this.</param>
/// <param name="MaxResolution">Widest such window.</param>
/// <param name="Error">Why the replica could not be probed (or stopped being probed), else null.</param>
public sealed record ReplicaVisibility(
    string Name,
    double? ApplyDelayMs,
    long Samples,
    long Timeouts,
    HistogramBase Histogram,
    TimeSpan MeanResolution,
    TimeSpan MaxResolution,
    string? Error)
{
    public double? P50Ms => PercentileMs(50);

    public double? P90Ms => PercentileMs(90);

    public double? P99Ms => PercentileMs(99);

    public double? MaxMs => Samples == 0 ? null : Histogram.GetMaxValue() / 1000.0;

    public double? MeanMs => Samples == 0 ? null : Histogram.GetMean() / 1000.0;

    /// <summary>The delay at <paramref name="percentile"/> (0–100) in ms, null with no samples.</summary>
    public double? PercentileMs(double percentile) =>
        Samples == 0 ? null : Histogram.GetValueAtPercentile(percentile) / 1000.0;

    /// <summary>
    /// t-visibility (Bailis et al., PBS): the fraction of markers visible on this replica to a read
    /// issued <paramref name="t"/> after the write was acknowledged. Timeouts count as not visible.
    /// </summary>
    public double VisibleWithin(TimeSpan t)
    {
        var total = Samples + Timeouts;
        if (total == 0)
        {
            return 0;
        }

        var limit = (long)t.TotalMicroseconds;
        long visible = 0;
        foreach (var bucket in Histogram.RecordedValues())
        {
            if (Histogram.HighestEquivalentValue(bucket.ValueIteratedTo) > limit)
            {
                break;
            }

            visible += bucket.CountAtValueIteratedTo;
        }

        return (double)visible / total;
    }
}
