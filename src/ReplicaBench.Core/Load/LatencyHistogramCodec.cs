using HdrHistogram;
using HdrHistogram.Utilities;

namespace ReplicaBench.Load;

/// <summary>
/// A histogram as text and back: HdrHistogram's compressed encoding in base64 (the payload of an
/// interval-log line, e.g. <c>HISTFAAA...</c>). The mergeable form for results files: decode
/// two runs' histograms and add them, instead of averaging percentiles (which is wrong).
/// </summary>
public static class LatencyHistogramCodec
{
    public static string Encode(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        var compressed = new byte[length];
        buffer.Position = 0;
        for (var i = 0; i < compressed.Length; i++)
        {
            compressed[i] = buffer.Get();
        }

        return Convert.ToBase64String(compressed);
    }

    /// <summary>Decodes what <see cref="Encode"/> produced; throws <see cref="FormatException"/> on anything else.</summary>
    public static HistogramBase Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(Convert.FromBase64String(text)), 0);
        }
        catch (Exception ex) when (ex is not FormatException and not OutOfMemoryException)
        {
            throw new FormatException("the text is not an HdrHistogram in compressed base64 form", ex);
        }
    }
}
