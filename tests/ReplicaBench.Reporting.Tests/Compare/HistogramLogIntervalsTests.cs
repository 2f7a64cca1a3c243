using System.Buffers.Binary;
using System.IO.Compression;
using ReplicaBench.Reporting.Compare;

namespace ReplicaBench.Reporting.Tests.Compare;

/// <summary>
/// Compare reads the engine's <c>latency.hlog</c> both as HdrHistogram.NET 2.5 encodes it (a zlib
/// header and deflate data, no Adler-32 trailer) and as a complete zlib stream with the trailer
/// (what Java's and Python's HdrHistogram write, and the engine's writer is moving to).
/// </summary>
public sealed class HistogramLogIntervalsTests
{
    [Fact]
    public void A_log_with_complete_zlib_streams_reads_the_same_intervals_as_one_without_the_trailer()
    {
        var seconds = new SyntheticLatency(Seed: 5, Seconds: 4, PerSecond: 2_000).Draw();
        using var plain = SyntheticRun.Create(new SyntheticCell("r0-primary-only", seconds));
        var log = Path.Combine(plain.Path, "cells", "r0-primary-only", "latency.hlog");
        var lines = File.ReadAllLines(log);
        var withTrailer = Path.Combine(plain.Path, "trailer.hlog");
        File.WriteAllLines(withTrailer, lines.Select(l => l.StartsWith("Tag=", StringComparison.Ordinal) ? AsCompleteZlib(l) : l));
        Assert.NotEqual(lines, File.ReadAllLines(withTrailer));

        var expected = HistogramLogIntervals.Read(log);
        var actual = HistogramLogIntervals.Read(withTrailer);

        Assert.Equal(4, actual.Count);
        Assert.Equal(8_000, actual.TotalCount);
        double[] percentiles = [50, 99, 99.9];
        Assert.Equal(Percentiles(expected, percentiles), Percentiles(actual, percentiles));
        Assert.Equal(seconds.Select(s => (double)s.GetValueAtPercentile(99)), Enumerable.Range(0, 4).Select(i => Percentiles(actual, [99], i)[0]));
    }

    private static double[] Percentiles(LatencyIntervals intervals, double[] percentiles, int? only = null)
    {
        var values = new double[percentiles.Length];
        int[] chosen = only is { } i ? [i] : [.. Enumerable.Range(0, intervals.Count)];
        intervals.Percentiles(chosen, percentiles, values, new int[intervals.Count]);
        return values;
    }

    // The compressed form is: cookie (4 bytes), compressed length (4, big-endian), zlib data. Inflates
    // the data and deflates it again as a complete zlib stream (final block, Adler-32 trailer).
    private static string AsCompleteZlib(string line)
    {
        var comma = line.LastIndexOf(',');
        var bytes = Convert.FromBase64String(line[(comma + 1)..]);
        var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        using var inflated = new MemoryStream();
        using (var deflate = new DeflateStream(new MemoryStream(bytes, 8 + 2, length - 2), CompressionMode.Decompress))
        {
            deflate.CopyTo(inflated);
        }

        using var zlib = new MemoryStream();
        using (var compress = new ZLibStream(zlib, CompressionLevel.Optimal, leaveOpen: true))
        {
            compress.Write(inflated.ToArray());
        }

        var complete = zlib.ToArray();
        var trailer = BinaryPrimitives.ReadUInt32BigEndian(complete.AsSpan(complete.Length - 4));
        Assert.Equal(Adler32(inflated.ToArray()), trailer);
        var encoded = new byte[8 + complete.Length];
        bytes.AsSpan(0, 4).CopyTo(encoded);
        BinaryPrimitives.WriteInt32BigEndian(encoded.AsSpan(4), complete.Length);
        complete.CopyTo(encoded.AsSpan(8));
        return line[..(comma + 1)] + Convert.ToBase64String(encoded);
    }

    private static uint Adler32(byte[] data)
    {
        uint a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }
}
