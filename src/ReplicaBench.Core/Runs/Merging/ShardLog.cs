using System.Globalization;
using ReplicaBench.Results;

namespace ReplicaBench.Runs.Merging;

/// <summary>One shard's interval log of one cell: its start time (the log's base) and its intervals, absolute times.</summary>
internal sealed record ShardLog(string Path, DateTimeOffset StartTime, IReadOnlyList<IntervalHistogram> Intervals)
{
    private const string StartTimeHeader = "#[StartTime: ";

    public static ShardLog Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new BadInputException($"the interval log '{path}' is missing; merge needs every shard's cells/<id>/latency.hlog, so copy the shard's whole run folder.");
        }

        IReadOnlyList<IntervalHistogram> intervals;
        try
        {
            intervals = IntervalLogReader.Read(path);
        }
        catch (Exception ex) when (ex is FormatException or IOException or InvalidOperationException or ArgumentException)
        {
            throw new BadInputException($"the interval log '{path}' cannot be read ({ex.Message}); copy the shard's run folder again.", ex);
        }

        return new ShardLog(path, StartTimeOf(path, intervals), intervals);
    }

    /// <summary>
    /// The seconds since the cell's measured start (the warm-up's end) at which each second of this
    /// shard's measurement ends, keyed like the series' t (rounded to the second): the key that lines
    /// a shard's log up with its own per-second series.
    /// </summary>
    public int MeasuredSecond(IntervalHistogram interval, double warmUpSeconds) =>
        (int)Math.Round((interval.End - StartTime).TotalSeconds - warmUpSeconds, MidpointRounding.AwayFromZero);

    // The header line the engine writes ("#[StartTime: 1764000000.000 (seconds since epoch), ...]"); a log
    // without one (another writer) starts at its first interval.
    private static DateTimeOffset StartTimeOf(string path, IReadOnlyList<IntervalHistogram> intervals)
    {
        foreach (var line in File.ReadLines(path).Take(8))
        {
            if (line.StartsWith(StartTimeHeader, StringComparison.Ordinal))
            {
                var number = line[StartTimeHeader.Length..].Split(' ', 2)[0];
                if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
                }
            }
        }

        return intervals.Count > 0 ? intervals.Min(i => i.Start) : DateTimeOffset.UnixEpoch;
    }
}
