using HdrHistogram;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// Reads a cell's <c>latency.hlog</c> into <see cref="LatencyIntervals"/>: the measured-phase
/// latency histograms of every operation and node, summed per interval (the engine writes one line
/// per interval and tag; an interval without operations has no line, and so adds no sample).
/// </summary>
internal static class HistogramLogIntervals
{
    private const string MeasuredLatency = "measurement/latency/";

    /// <summary>The intervals of the log at <paramref name="path"/>; a log that cannot be read is bad input.</summary>
    public static LatencyIntervals Read(string path)
    {
        IReadOnlyList<IntervalHistogram> histograms;
        try
        {
            histograms = IntervalLogReader.Read(path);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or FormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            throw new BadInputException($"histogram log '{path}' cannot be read ({ex.Message}); re-run the load, or remove the file to compare on the per-second series.", ex);
        }

        var intervals = histograms
            .Where(h => h.Tag is not null && h.Tag.StartsWith(MeasuredLatency, StringComparison.Ordinal))
            .GroupBy(h => h.Start)
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<(long, long)>)Sum(g.Select(h => h.Histogram)))
            .ToArray();
        return new LatencyIntervals(intervals);
    }

    private static List<(long Value, long Count)> Sum(IEnumerable<HistogramBase> histograms)
    {
        var counts = new Dictionary<long, long>();
        foreach (var histogram in histograms)
        {
            foreach (var recorded in histogram.RecordedValues())
            {
                counts[recorded.ValueIteratedTo] = counts.GetValueOrDefault(recorded.ValueIteratedTo) + recorded.CountAtValueIteratedTo;
            }
        }

        return [.. counts.Select(p => (p.Key, p.Value))];
    }
}
