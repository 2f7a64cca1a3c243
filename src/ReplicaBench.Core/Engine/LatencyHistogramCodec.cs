using System.Buffers.Binary;
using System.IO.Compression;
using HdrHistogram;
using HdrHistogram.Encoding;
using HdrHistogram.Utilities;

namespace ReplicaBench.Engine;

/// <summary>
/// A histogram as text: HdrHistogram's compressed encoding in base64 (the payload of an
/// interval-log line, e.g. <c>HISTFAAA...</c>). The mergeable form for results files: decode
/// two runs' histograms and add them, instead of averaging percentiles (which is wrong).
/// </summary>
/// <remarks>
/// <para>
/// The compressed form is a 4-byte cookie, a 4-byte length (both big-endian) and a complete zlib
/// stream (RFC 1950: header, deflate data, Adler-32 trailer) of HdrHistogram's V2 encoding.
/// HdrHistogram.NET 2.5 writes the header and the deflate data but not the trailer, so strict
/// readers (HdrHistogram's JavaScript and Python implementations, zlib itself) refuse it as a
/// truncated stream. Here the library encodes the histogram (V2) and <see cref="ZLibStream"/>
/// writes the whole zlib stream.
/// </para>
/// <para>
/// Decoding (<c>HistogramText</c>, in the results contract) is the library's, which skips the
/// zlib header and inflates the deflate data: it reads both this form and the trailer-less one
/// older runs wrote.
/// </para>
/// </remarks>
public static class LatencyHistogramCodec
{
    /// <summary>
    /// The cookie of a compressed V2 histogram, as every HdrHistogram implementation writes it
    /// (Java's <c>V2CompressedEncodingCookieBase | 0x10</c>); HdrHistogram.NET keeps it private.
    /// </summary>
    private const int CompressedV2Cookie = 0x1c849304 | 0x10;

    /// <summary>Cookie and compressed length precede the zlib stream.</summary>
    private const int PrefixLength = 8;

    public static string Encode(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.Encode(buffer, HistogramEncoderV2.Instance);

        // ByteBuffer exposes its bytes only one at a time.
        var encoded = new byte[length];
        buffer.Position = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i] = buffer.Get();
        }

        using var output = new MemoryStream(PrefixLength + length);
        output.Position = PrefixLength;
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(encoded);
        }

        var compressed = output.GetBuffer().AsSpan(0, (int)output.Length);
        BinaryPrimitives.WriteInt32BigEndian(compressed, CompressedV2Cookie);
        BinaryPrimitives.WriteInt32BigEndian(compressed[4..], compressed.Length - PrefixLength);
        return Convert.ToBase64String(compressed);
    }
}
