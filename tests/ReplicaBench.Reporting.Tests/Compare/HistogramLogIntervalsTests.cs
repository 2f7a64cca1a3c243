using System.Buffers.Binary;
using System.IO.Compression;
using ReplicaBench.Reporting.Compare;

namespace ReplicaBench.Reporting.Tests.Compare;

/// <summary>
/// Compare reads the engine's <c>latency.hlog</c> as it is written today, a complete zlib stream with
/// the Adler-32 trailer (what Java's and Python's HdrHistogram write), and as runs from before that
/// fix wrote it (HdrHistogram.NET 2.5's own encoding: zlib header and deflate data, no trailer).
/// </summary>
public sealed class HistogramLogIntervalsTests
{
    [Fact]
    public void A_log_of_complete_zlib_streams_reads_the_same_intervals_as_an_older_one_without_the_trailer()
    {
        var seconds = new SyntheticLatency(Seed: 5, Seconds: 4, PerSecond: 2_000).Draw();
        using var plain = SyntheticRun.Create(new SyntheticCell("r0-primary-only", seconds));
        var log = Path.Combine(plain.Path, "cells", "r0-primary-only", "latency.hlog");
        var lines = File.ReadAllLines(log);
        var older = Path.Combine(plain.Path, "no-trailer.hlog");
        File.WriteAllLines(older, lines.Select(l => l.StartsWith("Tag=", StringComparison.Ordinal) ? WithoutTrailer(l) : l));
        Assert.NotEqual(lines, File.ReadAllLines(older));

        var expected = HistogramLogIntervals.Read(older);
        var actual = HistogramLogIntervals.Read(log);

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

    // The compressed form is: cookie (4 bytes), compressed length (4, big-endian), zlib data. Checks
    // that the data ends in the Adler-32 of what it inflates to, then drops those 4 bytes, as the
    // writer did before the fix.
    private static string WithoutTrailer(string line)
    {
        var comma = line.LastIndexOf(',');
        var bytes = Convert.FromBase64String(line[(comma + 1)..]);
        var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        using var inflated = new MemoryStream();
        using (var deflate = new DeflateStream(new MemoryStream(bytes, 8 + 2, length - 2 - 4), CompressionMode.Decompress))
        {
            deflate.CopyTo(inflated);
        }

        var trailer = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8 + length - 4));
        Assert.Equal(Adler32(inflated.ToArray()), trailer);
        var encoded = bytes[..(8 + length - 4)];
        BinaryPrimitives.WriteInt32BigEndian(encoded.AsSpan(4), length - 4);
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
