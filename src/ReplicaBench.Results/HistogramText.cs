using HdrHistogram;
using HdrHistogram.Utilities;

namespace ReplicaBench.Results;

/// <summary>
/// Reads the histograms results.json carries as text: HdrHistogram's compressed encoding in base64
/// (the payload of an interval-log line, e.g. <c>HISTFAAA...</c>). Decode two runs' histograms and
/// add them, instead of averaging percentiles (which is wrong).
/// </summary>
public static class HistogramText
{
    /// <summary>Decodes compressed base64; throws <see cref="FormatException"/> on anything else.</summary>
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
