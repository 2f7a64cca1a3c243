using HdrHistogram;
using HdrHistogram.Utilities;
using ReplicaBench.Engine;

namespace ReplicaBench.Measurement;

/// <summary>
/// The one histogram shape for visibility delays (microseconds, 1 µs to 1 h, 3 significant digits)
/// so that histograms from different probes, replicas and runs can be added together, and its
/// portable text form: the base64 of HdrHistogram's compressed encoding (the <c>HISTF...</c> strings
/// that HdrHistogram's Java, C, Go and .NET tools all read).
/// </summary>
public static class VisibilityHistogram
{
    /// <summary>Largest delay recorded as itself; longer ones are recorded as this (1 hour).</summary>
    public const long HighestTrackableMicroseconds = 3_600_000_000;

    /// <summary>Relative precision of every recorded value: 0.1%.</summary>
    public const int SignificantDigits = 3;

    public static LongHistogram Create() => new(1, HighestTrackableMicroseconds, SignificantDigits);

    /// <summary>Records a delay, clamped to what the histogram tracks (negative delays count as 0).</summary>
    public static void Record(HistogramBase histogram, TimeSpan delay)
    {
        var micros = (long)Math.Round(delay.TotalMicroseconds);
        histogram.RecordValue(Math.Clamp(micros, 0, HighestTrackableMicroseconds));
    }

    /// <summary>The compressed base64 form, a complete zlib stream (see <see cref="LatencyHistogramCodec"/>).</summary>
    public static string Encode(HistogramBase histogram) => LatencyHistogramCodec.Encode(histogram);

    public static HistogramBase Decode(string encoded)
    {
        var buffer = ByteBuffer.Allocate(Convert.FromBase64String(encoded));
        return HistogramEncoding.DecodeFromCompressedByteBuffer(buffer, 0);
    }
}
