using System.Globalization;
using System.Text;
using HdrHistogram;
using ReplicaBench.Engine;

namespace ReplicaBench.Reporting.Tests;

/// <summary>Writes an interval log in the engine's format (header, then one line per interval and tag), for tests that need a cell's latency.hlog.</summary>
internal static class HlogWriter
{
    /// <summary>The histogram configuration the load engine writes (1 µs to 1 h, 3 digits), so the codec round-trips.</summary>
    public static LongHistogram NewHistogram() => new(1, 3_600_000_000, 3);

    public static void Write(string path, IEnumerable<(string Tag, double StartSeconds, HistogramBase Histogram)> intervals)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var log = new StringBuilder();
        log.Append("#[Histogram log format version 1.3]\n#[StartTime: 1700000000.000 (seconds since epoch), 2023-11-14T22:13:20.000Z]\n");
        log.Append("#[BaseTime: 1700000000.000 (seconds since epoch)]\n");
        log.Append("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n");
        foreach (var (tag, start, histogram) in intervals)
        {
            log.Append(CultureInfo.InvariantCulture, $"Tag={tag},{start:F3},1.000,{histogram.GetMaxValue() / 1000.0:F3},{LatencyHistogramCodec.Encode(histogram)}\n");
        }

        File.WriteAllText(path, log.ToString(), new UTF8Encoding(false));
    }
}
