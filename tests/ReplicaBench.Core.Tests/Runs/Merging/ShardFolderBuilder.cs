using System.Globalization;
using System.Text;
using System.Text.Json;
using HdrHistogram;
using ReplicaBench.Engine;
using ReplicaBench.Results;

namespace ReplicaBench.Tests.Runs.Merging;

/// <summary>
/// Writes a shard's run folder the way <c>load</c> does, with known values: results.json and one
/// cell's <c>cells/&lt;id&gt;/latency.hlog</c>, an HdrHistogram interval log (format 1.3) of real
/// HdrHistogram 2.5 histograms. Uses only public APIs, so the CLI tests link it too.
/// </summary>
internal sealed class ShardFolderBuilder(DateTimeOffset start)
{
    public const string CellId = "r1-round-robin";

    private readonly List<(string Tag, double Start, HistogramBase Histogram)> _intervals = [];

    /// <summary>The topology provider results.json names.</summary>
    public string Provider { get; set; } = "local";

    /// <summary>The settings as raw JSON values, e.g. <c>["vus"] = "4"</c>.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal)
    {
        ["scenario"] = "\"read-heavy\"",
        ["vus"] = "4",
        ["duration"] = "\"2s\"",
        ["warmup"] = "\"1s\"",
    };

    /// <summary>Records <paramref name="count"/> values of <paramref name="microseconds"/> in the second starting <paramref name="second"/> s after the cell's start (the log's base time).</summary>
    public ShardFolderBuilder Record(string tag, double second, long microseconds, long count)
    {
        var histogram = _intervals.FirstOrDefault(i => i.Tag == tag && i.Start == second).Histogram;
        if (histogram is null)
        {
            histogram = new LongHistogram(1, 3_600_000_000, 3);
            _intervals.Add((tag, second, histogram));
        }

        histogram.RecordValueWithCount(microseconds, count);
        return this;
    }

    /// <summary>Every measured latency value recorded, as one histogram: what the test adds independently.</summary>
    public IEnumerable<HistogramBase> Measured(string prefix = "measurement/latency/") =>
        _intervals.Where(i => i.Tag.StartsWith(prefix, StringComparison.Ordinal)).Select(i => i.Histogram);

    public IEnumerable<HistogramBase> MeasuredSecond(double second) =>
        _intervals.Where(i => i.Tag.StartsWith("measurement/latency/", StringComparison.Ordinal) && i.Start == second).Select(i => i.Histogram);

    public string Write(string folder, CellResults cell)
    {
        Directory.CreateDirectory(Path.Combine(folder, "cells", CellId));
        var log = new StringBuilder();
        var seconds = start.ToUnixTimeMilliseconds() / 1000.0;
        log.Append(CultureInfo.InvariantCulture, $"#[Histogram log format version 1.3]\n#[StartTime: {seconds:F3} (seconds since epoch), {start.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}]\n#[BaseTime: {seconds:F3} (seconds since epoch)]\n#[test shard]\n");
        log.Append("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n");
        foreach (var (tag, second, histogram) in _intervals.OrderBy(i => i.Start))
        {
            log.Append(CultureInfo.InvariantCulture, $"Tag={tag},{second:F3},1.000,{histogram.GetMaxValue() / 1000.0:F3},{LatencyHistogramCodec.Encode(histogram)}\n");
        }

        File.WriteAllText(Path.Combine(folder, "cells", CellId, "latency.hlog"), log.ToString());
        var results = new RunResults
        {
            Run = new RunInfo
            {
                Id = "shard-" + Path.GetFileName(folder),
                StartedAt = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                FinishedAt = start.AddSeconds(3).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                Machine = new MachineInfo("agent-" + Path.GetFileName(folder), "Linux", "test cpu", 2, 4),
                Postgres = new PostgresInfo("15.8"),
                Provider = Provider,
                Settings = Settings.ToDictionary(p => p.Key, p => Json(p.Value), StringComparer.Ordinal),
            },
            Cells = [cell with { Id = CellId, Files = new CellFiles { HistogramLog = $"cells/{CellId}/latency.hlog" } }],
        };
        ResultsFile.Write(Path.Combine(folder, ResultsFile.FileName), results);
        return folder;
    }

    private static JsonElement Json(string raw)
    {
        using var document = JsonDocument.Parse(raw);
        return document.RootElement.Clone();
    }
}
