using HdrHistogram;
using ReplicaBench.Engine.Output;
using ReplicaBench.Results;

namespace ReplicaBench.Runs.Merging;

/// <summary>
/// One cell's interval logs from every shard, added interval by interval: the histograms of the same
/// tag whose intervals start in the same second (counted from the earliest shard's start) become one.
/// Adding HdrHistograms is exact, so every percentile read from here is that of all the shards'
/// operations together, never an average of the shards' percentiles.
/// </summary>
internal sealed class MergedCellLog
{
    private const string MeasuredLatency = "measurement/latency/";
    private const string MeasuredStaleAge = "measurement/stale-age/";
    private const string MeasuredScheduleLag = "measurement/schedule-lag";

    private readonly IReadOnlyList<ShardLog> _shards;
    private readonly IReadOnlyList<IntervalHistogram> _intervals;

    private MergedCellLog(IReadOnlyList<ShardLog> shards, DateTimeOffset startTime, IReadOnlyList<IntervalHistogram> intervals)
    {
        _shards = shards;
        StartTime = startTime;
        _intervals = intervals;
    }

    /// <summary>The earliest shard's start: the merged log's base time.</summary>
    public DateTimeOffset StartTime { get; }

    public static MergedCellLog Merge(IReadOnlyList<ShardLog> shards)
    {
        var start = shards.Min(s => s.StartTime);
        var intervals = shards
            .SelectMany(s => s.Intervals)
            .GroupBy(i => (Tag: i.Tag ?? "", Second: (long)Math.Round((i.Start - start).TotalSeconds, MidpointRounding.AwayFromZero)))
            .OrderBy(g => g.Key.Second).ThenBy(g => g.Key.Tag, StringComparer.Ordinal)
            .Select(g => new IntervalHistogram(g.Key.Tag, g.Min(i => i.Start), g.Max(i => i.End), Add(g.Select(i => i.Histogram))))
            .ToList();
        return new MergedCellLog(shards, start, intervals);
    }

    /// <summary>All measured latencies (every operation on every node).</summary>
    public HistogramBase Latency() => Sum(tag => tag.StartsWith(MeasuredLatency, StringComparison.Ordinal));

    /// <summary>Measured latencies of the operations one node served (tags <c>...@node</c>).</summary>
    public HistogramBase NodeLatency(string node) =>
        Sum(tag => tag.StartsWith(MeasuredLatency, StringComparison.Ordinal) && tag.EndsWith("@" + node, StringComparison.Ordinal));

    /// <summary>Measured latencies of one operation type on every node (tags <c>.../operation@...</c>).</summary>
    public HistogramBase OperationLatency(string operation) =>
        Sum(tag => tag.StartsWith(MeasuredLatency + operation + "@", StringComparison.Ordinal));

    /// <summary>Ages of the versions stale reads returned.</summary>
    public HistogramBase StaleAge() => Sum(tag => tag.StartsWith(MeasuredStaleAge, StringComparison.Ordinal));

    /// <summary>Open model: schedule lag of the started arrivals.</summary>
    public HistogramBase ScheduleLag() => Sum(tag => tag == MeasuredScheduleLag);

    /// <summary>
    /// Measured latency per second of the measured window, keyed by the series' t rounded to the
    /// second: each shard's intervals are placed by its own measured start, as its series is, so the
    /// histograms of a second add up the same operations whose counts the series adds.
    /// </summary>
    public IReadOnlyDictionary<int, HistogramBase> LatencyBySecond(double warmUpSeconds)
    {
        var seconds = new Dictionary<int, HistogramBase>();
        foreach (var shard in _shards)
        {
            foreach (var interval in shard.Intervals.Where(i => (i.Tag ?? "").StartsWith(MeasuredLatency, StringComparison.Ordinal)))
            {
                var key = shard.MeasuredSecond(interval, warmUpSeconds);
                if (!seconds.TryGetValue(key, out var total))
                {
                    seconds[key] = total = NewHistogram();
                }

                total.Add(interval.Histogram);
            }
        }

        return seconds;
    }

    /// <summary>Writes the added intervals as an interval log of the engine's own format.</summary>
    public void Write(string path)
    {
        using var log = new IntervalLogWriter(
            path,
            StartTime,
            $"ReplicaBench merge of {_shards.Count} shards: values in microseconds; tags are <phase>/<metric>/<operation>@<node>, phase warmup|measurement, metric latency|stale-age|schedule-lag");
        foreach (var interval in _intervals)
        {
            log.Append(interval.Tag ?? "", interval.Histogram, interval.Start - StartTime, interval.End - interval.Start);
        }

        log.Flush();
    }

    private HistogramBase Sum(Func<string, bool> tags) => Add(_intervals.Where(i => tags(i.Tag ?? "")).Select(i => i.Histogram));

    private static HistogramBase Add(IEnumerable<HistogramBase> histograms)
    {
        var total = NewHistogram();
        foreach (var histogram in histograms)
        {
            total.Add(histogram);
        }

        return total;
    }

    // The engine's range: 1 µs to 1 h at 3 significant digits, so any interval adds without overflow.
    private static LongHistogram NewHistogram() => new(1, 3_600_000_000, 3);
}
