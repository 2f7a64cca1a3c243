using HdrHistogram;

namespace ReplicaBench.Results;

/// <summary>
/// Reads a run's interval log (<c>.hlog</c>) back with HdrHistogram's <see cref="HistogramLogReader"/>,
/// and merges its intervals — so totals for any time range or tag can be rebuilt after the run, or
/// after a crash from whatever was flushed. The log is part of the results contract: its histograms
/// are complete zlib streams (Adler-32 trailer included), which strict readers require.
/// </summary>
/// <remarks>
/// Tags are <c>&lt;phase&gt;/&lt;metric&gt;/&lt;operation&gt;@&lt;node&gt;</c> with phase
/// <c>warmup</c> or <c>measurement</c> and metric <c>latency</c> or <c>stale-age</c>, plus
/// <c>&lt;phase&gt;/schedule-lag</c> in the open model, e.g. <c>measurement/latency/point-read@replica1</c>.
/// </remarks>
public static class IntervalLogReader
{
    public static IReadOnlyList<IntervalHistogram> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new HistogramLogReader(stream);
        return [.. reader.ReadHistograms().Select(h => new IntervalHistogram(
            h.Tag,
            DateTimeOffset.FromUnixTimeMilliseconds(h.StartTimeStamp),
            DateTimeOffset.FromUnixTimeMilliseconds(h.EndTimeStamp),
            h))];
    }

    /// <summary>Sums the intervals of each tag into one histogram per tag.</summary>
    public static IReadOnlyDictionary<string, HistogramBase> MergeByTag(IEnumerable<IntervalHistogram> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var merged = new SortedDictionary<string, HistogramBase>(StringComparer.Ordinal);
        foreach (var interval in intervals)
        {
            var tag = interval.Tag ?? string.Empty;
            if (!merged.TryGetValue(tag, out var total))
            {
                // The engine's range: 1 µs to 1 h at 3 significant digits, so any interval adds without overflow.
                total = new LongHistogram(1, 3_600_000_000, 3);
                merged[tag] = total;
            }

            total.Add(interval.Histogram);
        }

        return merged;
    }
}
