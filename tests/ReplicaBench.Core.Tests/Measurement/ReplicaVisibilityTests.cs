using ReplicaBench.Measurement;

namespace ReplicaBench.Tests.Measurement;

/// <summary>One replica's visibility figures over every marker sent: seen delays and censored markers together.</summary>
public sealed class ReplicaVisibilityTests
{
    [Fact]
    public void T_visibility_counts_timeouts_as_not_visible()
    {
        var replica = Replica(seenMs: [1, 2, 3, 50], censoredMs: [200]);

        Assert.Equal(0.0, replica.VisibleWithin(TimeSpan.FromMilliseconds(0.5)));
        Assert.Equal(0.6, replica.VisibleWithin(TimeSpan.FromMilliseconds(10)), 6);
        Assert.Equal(0.8, replica.VisibleWithin(TimeSpan.FromSeconds(1)), 6);
    }

    [Fact]
    public void Percentiles_are_ranked_over_every_marker_sent_seen_or_censored()
    {
        // 5 markers: 1, 2, 3, 50 ms seen, one timed out at 200 ms. p50 is the 3rd (3 ms, not the
        // 2.5th of the seen four), p80 the 4th, p90 and the maximum fall on the censored one.
        var replica = Replica(seenMs: [1, 2, 3, 50], censoredMs: [200]);

        Assert.Equal(5, replica.Samples);
        Assert.Equal(new VisibilityDelay(3, false), Rounded(replica.P50));
        Assert.Equal(new VisibilityDelay(50, false), Rounded(replica.Percentile(80)));
        Assert.Equal(new VisibilityDelay(200, true), Rounded(replica.P90));
        Assert.Equal(new VisibilityDelay(200, true), Rounded(replica.Max));
        Assert.Null(replica.MeanMs);
    }

    [Fact]
    public void A_replica_that_showed_no_marker_reports_at_least_the_timeout_not_nothing()
    {
        var replica = Replica(seenMs: [], censoredMs: [200, 200, 200]);

        Assert.Equal((3L, 0L, 3L), (replica.Samples, replica.Seen, replica.Censored));
        Assert.Equal(new VisibilityDelay(200, true), replica.P50);
        Assert.Equal(new VisibilityDelay(200, true), replica.P99);
        Assert.Equal(0.0, replica.VisibleWithin(TimeSpan.FromSeconds(10)));
        Assert.Equal(">= 200 ms", replica.P50.ToString());
    }

    [Fact]
    public void A_censored_percentile_takes_its_rank_among_the_censoring_points()
    {
        // One marker seen at 5 ms; three unseen, watched 40, 90 and 200 ms. p50 = rank 2 = the
        // smallest censoring point; p75 = rank 3 = the second.
        var replica = Replica(seenMs: [5], censoredMs: [40, 90, 200]);

        Assert.Equal(new VisibilityDelay(40, true), replica.P50);
        Assert.Equal(new VisibilityDelay(90, true), replica.Percentile(75));
    }

    [Fact]
    public void A_replica_without_markers_has_no_percentiles()
    {
        var replica = Replica(seenMs: [], censoredMs: []);

        Assert.Null(replica.P50);
        Assert.Null(replica.Max);
        Assert.Equal(0.0, replica.VisibleWithin(TimeSpan.FromSeconds(10)));
    }

    private static ReplicaVisibility Replica(double[] seenMs, long[] censoredMs)
    {
        var histogram = VisibilityHistogram.Create();
        foreach (var ms in seenMs)
        {
            VisibilityHistogram.Record(histogram, TimeSpan.FromMilliseconds(ms));
        }

        var timeouts = censoredMs.Count(ms => ms == 200);
        return new ReplicaVisibility(
            "replica1", 0, seenMs.Length + censoredMs.Length, histogram, timeouts, [.. censoredMs.Select(ms => ms * 1000)], TimeSpan.Zero, TimeSpan.Zero, PollPace.None, null);
    }

    /// <summary>To 0.1 ms: HdrHistogram reports the highest value equivalent to a recorded one (0.1% above it at most).</summary>
    private static VisibilityDelay? Rounded(VisibilityDelay? delay) =>
        delay is { } d ? d with { Milliseconds = Math.Round(d.Milliseconds, 1) } : null;
}
