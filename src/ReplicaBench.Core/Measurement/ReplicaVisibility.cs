using HdrHistogram;

namespace ReplicaBench.Measurement;

/// <summary>
/// One replica's visibility delays from a <see cref="VisibilityProbe"/>: for each marker sent, the
/// time from the primary acknowledging its commit to the first read on this replica that saw it,
/// or, for a marker never seen, a censored sample (at least as long as it was watched).
/// </summary>
/// <param name="Name">Replica name.</param>
/// <param name="ApplyDelayMs">The replica's <c>recovery_min_apply_delay</c> in ms as the server reported it when
/// the probe started (0: none; null: the replica could not be asked).</param>
/// <param name="MarkersPlanned">Markers the probe meant to send.</param>
/// <param name="Histogram">Delays of the markers seen, in microseconds (<see cref="VisibilityHistogram"/> shape):
/// add histograms of several probes or runs together, or plot the t-visibility curve from it.</param>
/// <param name="Timeouts">Markers not seen within <see cref="VisibilityProbeOptions.Timeout"/> of their acknowledgement.</param>
/// <param name="CensoredMicroseconds">Every marker sent but never seen, ascending, as the least its delay can be:
/// the timeout for a timed-out marker; for one still unseen when the probe stopped or the replica failed
/// (unresolved), how long after its acknowledgement the last poll that missed it was sent.</param>
/// <param name="MeanResolution">Average width of the window in which a seen marker became visible (from the
/// last poll that missed it, or the acknowledgement, to the first that saw it): the measured delay
/// exceeds the true one by at most this.</param>
/// <param name="MaxResolution">Widest such window.</param>
/// <param name="Pace">How well the poller kept to its intended pace.</param>
/// <param name="Error">Why the replica could not be probed (or stopped being probed), else null.</param>
public sealed record ReplicaVisibility(
    string Name,
    double? ApplyDelayMs,
    int MarkersPlanned,
    HistogramBase Histogram,
    long Timeouts,
    IReadOnlyList<long> CensoredMicroseconds,
    TimeSpan MeanResolution,
    TimeSpan MaxResolution,
    PollPace Pace,
    string? Error)
{
    /// <summary>Markers seen (the histogram's count).</summary>
    public long Seen => Histogram.TotalCount;

    /// <summary>Markers sent but never seen: timeouts and unresolved ones.</summary>
    public long Censored => CensoredMicroseconds.Count;

    /// <summary>Markers still unseen, but not yet timed out, when the probe stopped or the replica failed.</summary>
    public long Unresolved => Censored - Timeouts;

    /// <summary>Markers sent and acknowledged that this replica was watched for: seen plus censored.</summary>
    public long MarkersSent => Seen + Censored;

    /// <summary>The samples every figure is computed over: every marker sent, seen or censored.</summary>
    public long Samples => MarkersSent;

    /// <summary>
    /// The probe kept up on this replica: it sent every marker it planned, resolved each one (seen
    /// or timed out), kept its polling pace, and the replica did not fail.
    /// </summary>
    public bool KeptUp => Error is null && MarkersSent == MarkersPlanned && Unresolved == 0 && Pace.KeptPace;

    public VisibilityDelay? P50 => Percentile(50);

    public VisibilityDelay? P90 => Percentile(90);

    public VisibilityDelay? P99 => Percentile(99);

    /// <summary>The longest delay; a lower bound when any marker was censored (one of them may be the longest).</summary>
    public VisibilityDelay? Max
    {
        get
        {
            if (MarkersSent == 0)
            {
                return null;
            }

            var seenMax = Seen == 0 ? 0 : Histogram.GetMaxValue();
            return Censored == 0
                ? new VisibilityDelay(seenMax / 1000.0, false)
                : new VisibilityDelay(Math.Max(seenMax, CensoredMicroseconds[^1]) / 1000.0, true);
        }
    }

    /// <summary>Mean delay in ms; null when nothing was seen or anything was censored (a mean of the seen markers alone would flatter).</summary>
    public double? MeanMs => Seen == 0 || Censored > 0 ? null : Histogram.GetMean() / 1000.0;

    /// <summary>
    /// The delay at <paramref name="percentile"/> (0–100) over every marker sent; null when none was.
    /// The rank k = ⌈p·N/100⌉ among N markers: a seen delay when k is within the seen ones, else the
    /// (k − seen)-th smallest censoring point as a lower bound. (Exact when only timeouts are
    /// censored, since every seen delay is below the timeout; with unresolved markers a seen
    /// percentile is an upper bound.)
    /// </summary>
    public VisibilityDelay? Percentile(double percentile)
    {
        var total = MarkersSent;
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Clamp((long)Math.Ceiling(percentile / 100.0 * total), 1, total);
        var seen = Seen;
        return rank <= seen
            ? new VisibilityDelay(Histogram.GetValueAtPercentile(100.0 * rank / seen) / 1000.0, false)
            : new VisibilityDelay(CensoredMicroseconds[(int)(rank - seen - 1)] / 1000.0, true);
    }

    /// <summary>
    /// t-visibility (Bailis et al., PBS): the fraction of markers sent that were visible on this
    /// replica to a read issued <paramref name="t"/> after the write was acknowledged. Censored
    /// markers count as not visible (for a t beyond the timeout that is a lower bound).
    /// </summary>
    public double VisibleWithin(TimeSpan t)
    {
        var total = MarkersSent;
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
