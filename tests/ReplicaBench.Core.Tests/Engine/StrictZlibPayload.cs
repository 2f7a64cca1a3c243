using System.Buffers.Binary;
using System.IO.Compression;

namespace ReplicaBench.Tests.Engine;

/// <summary>
/// One interval-log payload taken apart the way a strict reader (zlib, HdrHistogram's JavaScript
/// and Python decoders) does, without HdrHistogram or <see cref="ZLibStream"/>: the 8-byte
/// prefix, the RFC 1950 header, the deflate body inflated by <see cref="DeflateStream"/>, and the
/// Adler-32 trailer checked against an Adler-32 computed here over the inflated bytes.
/// </summary>
internal sealed record StrictZlibPayload(int Cookie, byte[] Inflated)
{
    /// <summary>The cookie of HdrHistogram's uncompressed V2 encoding (what the zlib stream holds).</summary>
    public const int UncompressedV2Cookie = 0x1c849303 | 0x10;

    /// <summary>Cookie, payload length, normalizing offset, digits, lowest, highest, ratio.</summary>
    private const int V2HeaderLength = 40;

    public static StrictZlibPayload Parse(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        var cookie = BinaryPrimitives.ReadInt32BigEndian(bytes);
        Assert.Equal(bytes.Length - 8, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4)));
        var zlib = bytes.AsSpan(8);

        // RFC 1950 §2.2: CM = 8 (deflate), CINFO <= 7, FCHECK makes CMF·256 + FLG a multiple of 31, no preset dictionary.
        var (cmf, flg) = (zlib[0], zlib[1]);
        Assert.Equal(8, cmf & 0x0F);
        Assert.InRange(cmf >> 4, 0, 7);
        Assert.Equal(0, ((cmf << 8) | flg) % 31);
        Assert.Equal(0, flg & 0x20);

        var inflated = Inflate(zlib[2..^4].ToArray());
        var trailer = BinaryPrimitives.ReadUInt32BigEndian(zlib[^4..]);
        Assert.True(
            trailer == Adler32(inflated),
            $"the stream's Adler-32 trailer {trailer:x8} is not the Adler-32 {Adler32(inflated):x8} of the {inflated.Length} inflated bytes: the zlib stream is truncated or corrupt");

        // The inflated bytes are one whole V2 encoding: its header's payload length accounts for all of them.
        Assert.Equal(UncompressedV2Cookie, BinaryPrimitives.ReadInt32BigEndian(inflated));
        Assert.Equal(inflated.Length - V2HeaderLength, BinaryPrimitives.ReadInt32BigEndian(inflated.AsSpan(4)));
        return new StrictZlibPayload(cookie, inflated);
    }

    /// <summary>RFC 1950 §8.2, the plain way: two sums modulo 65521.</summary>
    public static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Modulus = 65521;
        uint a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % Modulus;
            b = (b + a) % Modulus;
        }

        return (b << 16) | a;
    }

    private static byte[] Inflate(byte[] body)
    {
        using var input = new MemoryStream(body);
        using var deflate = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        deflate.CopyTo(output);
        return output.ToArray();
    }
}
