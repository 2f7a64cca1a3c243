using ReplicaBench.Measurement;

namespace ReplicaBench.Tests.Measurement;

/// <summary>Visibility histograms: microsecond precision, mergeable, portable text form, t-visibility.</summary>
public sealed class VisibilityHistogramTests
{
    [Fact]
    public void Delays_are_kept_to_the_microsecond_and_survive_encoding()
    {
        var histogram = VisibilityHistogram.Create();
        VisibilityHistogram.Record(histogram, TimeSpan.FromMicroseconds(347));
        VisibilityHistogram.Record(histogram, TimeSpan.FromMilliseconds(300.25));

        var decoded = VisibilityHistogram.Decode(VisibilityHistogram.Encode(histogram));

        Assert.Equal(2, decoded.TotalCount);
        Assert.Equal(347, decoded.GetValueAtPercentile(50));
        Assert.InRange(decoded.GetValueAtPercentile(100), 300_250, 300_250 * 1.001);
        Assert.StartsWith("HISTF", VisibilityHistogram.Encode(histogram), StringComparison.Ordinal);
    }

    [Fact]
    public void Histograms_of_two_probes_add_up()
    {
        var first = VisibilityHistogram.Create();
        var second = VisibilityHistogram.Create();
        VisibilityHistogram.Record(first, TimeSpan.FromMilliseconds(1));
        VisibilityHistogram.Record(second, TimeSpan.FromMilliseconds(3));
        VisibilityHistogram.Record(second, TimeSpan.FromMilliseconds(5));

        first.Add(second);

        Assert.Equal(3, first.TotalCount);
        Assert.InRange(first.GetValueAtPercentile(50), 3000, 3003);
    }

    [Fact]
    public void Negative_and_huge_delays_are_clamped_not_thrown()
    {
        var histogram = VisibilityHistogram.Create();
        VisibilityHistogram.Record(histogram, TimeSpan.FromMilliseconds(-2));
        VisibilityHistogram.Record(histogram, TimeSpan.FromDays(2));

        Assert.Equal(2, histogram.TotalCount);
        Assert.Equal(0, histogram.GetValueAtPercentile(0));
    }

    [Fact]
    public void T_visibility_counts_timeouts_as_not_visible()
    {
        var histogram = VisibilityHistogram.Create();
        foreach (var ms in new[] { 1, 2, 3, 50 })
        {
            VisibilityHistogram.Record(histogram, TimeSpan.FromMilliseconds(ms));
        }

        var replica = new ReplicaVisibility("replica1", 0, 4, 1, histogram, TimeSpan.Zero, TimeSpan.Zero, null);

        Assert.Equal(0.0, replica.VisibleWithin(TimeSpan.FromMilliseconds(0.5)));
        Assert.Equal(0.6, replica.VisibleWithin(TimeSpan.FromMilliseconds(10)), 6);
        Assert.Equal(0.8, replica.VisibleWithin(TimeSpan.FromSeconds(1)), 6);
        Assert.Equal(2.0, replica.P50Ms!.Value, 2);
        Assert.Equal(50.0, replica.MaxMs!.Value, 1);
    }

    [Fact]
    public void A_replica_without_samples_has_no_percentiles()
    {
        var replica = new ReplicaVisibility("replica1", 0, 0, 3, VisibilityHistogram.Create(), TimeSpan.Zero, TimeSpan.Zero, null);

        Assert.Null(replica.P50Ms);
        Assert.Null(replica.MaxMs);
        Assert.Equal(0.0, replica.VisibleWithin(TimeSpan.FromSeconds(10)));
    }
}
