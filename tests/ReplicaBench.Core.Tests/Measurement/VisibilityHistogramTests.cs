using ReplicaBench.Measurement;

namespace ReplicaBench.Tests.Measurement;

/// <summary>Visibility histograms: microsecond precision, mergeable, portable text form.</summary>
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
}
