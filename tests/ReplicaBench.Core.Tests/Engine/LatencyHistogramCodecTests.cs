using HdrHistogram;
using ReplicaBench.Engine;
using ReplicaBench.Results;

namespace ReplicaBench.Tests.Engine;

public sealed class LatencyHistogramCodecTests
{
    [Fact]
    public void A_histogram_survives_text_and_decoded_histograms_merge()
    {
        var first = new LongHistogram(1, 3_600_000_000, 3);
        var second = new LongHistogram(1, 3_600_000_000, 3);
        for (var i = 1; i <= 1000; i++)
        {
            first.RecordValue(i * 37);
            second.RecordValue(i * 1_003);
        }

        var decoded = HistogramText.Decode(LatencyHistogramCodec.Encode(first));
        Assert.Equal(first.TotalCount, decoded.TotalCount);
        Assert.Equal(first.GetValueAtPercentile(99), decoded.GetValueAtPercentile(99));
        Assert.Equal(first.GetMaxValue(), decoded.GetMaxValue());

        var merged = new LongHistogram(1, 3_600_000_000, 3);
        merged.Add(decoded);
        merged.Add(HistogramText.Decode(LatencyHistogramCodec.Encode(second)));
        var expected = first.Copy();
        expected.Add(second);
        Assert.Equal(expected.TotalCount, merged.TotalCount);
        Assert.Equal(expected.GetValueAtPercentile(50), merged.GetValueAtPercentile(50));
        Assert.Equal(expected.GetValueAtPercentile(99.9), merged.GetValueAtPercentile(99.9));
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("AAAAAAAA")]
    public void Text_that_is_not_an_encoded_histogram_is_a_format_error(string text)
    {
        Assert.Throws<FormatException>(() => HistogramText.Decode(text));
    }
}
