using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using HdrHistogram;
using ReplicaBench.Engine;

namespace ReplicaBench.Reporting.Tests.Compare;

/// <summary>
/// A run folder written from per-second latency histograms, as the load runner writes one:
/// results.json with each cell's totals, percentiles and per-second series computed from the
/// histograms, and its <c>cells/&lt;id&gt;/latency.hlog</c> (unless the cell says otherwise).
/// </summary>
internal static class SyntheticRun
{
    public static TempRunFolder Create(params SyntheticCell[] cells)
    {
        var folder = TempRunFolder.Empty();
        var array = new JsonArray();
        foreach (var cell in cells)
        {
            var json = CellJson(cell);
            if (cell.WithLog)
            {
                var relative = $"cells/{cell.Id}/latency.hlog";
                WriteLog(Path.Combine(folder.Path, relative), cell.Seconds);
                json["files"] = new JsonObject { ["histogramLog"] = relative };
            }

            cell.Edit?.Invoke(json);
            array.Add(json);
        }

        var root = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["run"] = new JsonObject { ["id"] = "synthetic", ["complete"] = true, ["settings"] = new JsonObject { ["scenario"] = "point-read" } },
            ["cells"] = array,
        };
        File.WriteAllText(folder.ResultsFile, root.ToJsonString());
        return folder;
    }

    private static JsonObject CellJson(SyntheticCell cell)
    {
        var total = SyntheticLatency.NewHistogram();
        foreach (var second in cell.Seconds)
        {
            total.Add(second);
        }

        var series = new JsonArray();
        for (var s = 0; s < cell.Seconds.Count; s++)
        {
            var second = cell.Seconds[s];
            series.Add(new JsonObject
            {
                ["t"] = s + 1.0,
                ["throughput"] = (double)second.TotalCount,
                ["p50Ms"] = Ms(second, 50),
                ["p99Ms"] = Ms(second, 99),
                ["errors"] = 0,
                ["staleReads"] = 0,
            });
        }

        return new JsonObject
        {
            ["id"] = cell.Id,
            ["replicas"] = 0,
            ["policy"] = "primary-only",
            ["durationSeconds"] = (double)cell.Seconds.Count,
            ["operations"] = total.TotalCount,
            ["throughput"] = cell.Seconds.Count == 0 ? 0 : total.TotalCount / (double)cell.Seconds.Count,
            ["readThroughput"] = cell.Seconds.Count == 0 ? 0 : total.TotalCount / (double)cell.Seconds.Count,
            ["latencyMs"] = new JsonObject { ["p50"] = Ms(total, 50), ["p99"] = Ms(total, 99), ["p999"] = Ms(total, 99.9) },
            ["errors"] = 0,
            ["timeSeries"] = series,
        };
    }

    private static double Ms(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;

    // The engine's format (IntervalLogWriter): header, then one line per interval and tag.
    private static void WriteLog(string path, IReadOnlyList<HistogramBase> seconds)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var log = new StringBuilder();
        log.Append("#[Histogram log format version 1.3]\n#[StartTime: 1700000000.000 (seconds since epoch), 2023-11-14T22:13:20.000Z]\n");
        log.Append("#[BaseTime: 1700000000.000 (seconds since epoch)]\n#[synthetic]\n");
        log.Append("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n");
        for (var s = 0; s < seconds.Count; s++)
        {
            if (seconds[s].TotalCount == 0)
            {
                continue;
            }

            log.Append(CultureInfo.InvariantCulture, $"Tag=measurement/latency/point-read@primary,{s + 5:F3},1.000,{seconds[s].GetMaxValue() / 1000.0:F3},{LatencyHistogramCodec.Encode(seconds[s])}\n");
        }

        File.WriteAllText(path, log.ToString(), new UTF8Encoding(false));
    }
}
