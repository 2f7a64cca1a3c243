using System.Text;
using System.Text.Json;
using HdrHistogram;
using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Results;
using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Engine;

public sealed class IntervalLogTests
{
    [Fact]
    public async Task The_interval_log_reads_back_with_the_same_counts_per_tag_as_the_result()
    {
        using var output = new TempDirectory();
        var result = await RunAsync(output.Path);

        var intervals = IntervalLogReader.Read(result.Files!.IntervalLog);
        var merged = IntervalLogReader.MergeByTag(intervals);

        foreach (var cell in result.Buckets.Where(c => c.Stats.Succeeded > 0))
        {
            var tag = $"measurement/latency/{cell.Operation}@{cell.Node}";
            Assert.Equal(cell.Stats.LatencyHistogram.TotalCount, merged[tag].TotalCount);
            Assert.Equal(cell.Stats.Latency.P99, merged[tag].GetValueAtPercentile(99));
        }

        var staleCells = result.Buckets.Where(c => c.Stats.StaleReads > 0).ToList();
        Assert.NotEmpty(staleCells);
        Assert.All(staleCells, c => Assert.Equal(c.Stats.StaleReads, merged[$"measurement/stale-age/{c.Operation}@{c.Node}"].TotalCount));
        Assert.Equal(result.WarmUp.Succeeded, intervals.Where(i => i.Tag!.StartsWith("warmup/latency/", StringComparison.Ordinal)).Sum(i => i.Histogram.TotalCount));
        Assert.Equal(result.Total.Succeeded, intervals.Where(i => i.Tag!.StartsWith("measurement/latency/", StringComparison.Ordinal)).Sum(i => i.Histogram.TotalCount));
    }

    [Fact]
    public async Task Interval_histograms_carry_their_interval_and_add_up_to_the_total()
    {
        using var output = new TempDirectory();
        var result = await RunAsync(output.Path);

        var intervals = IntervalLogReader.Read(result.Files!.IntervalLog)
            .Where(i => i.Tag!.StartsWith("measurement/latency/", StringComparison.Ordinal))
            .ToList();
        var total = IntervalLogReader.MergeByTag(intervals.Select(i => i with { Tag = "all" }))["all"];

        Assert.Equal(result.Total.LatencyHistogram.TotalCount, total.TotalCount);
        Assert.Equal(result.Total.Latency.Max, total.GetMaxValue());
        var measuredStarts = result.TimeSeries.Where(p => p.Phase == RunPhase.Measurement).Select(p => result.StartedAt + p.Start).ToHashSet();
        Assert.All(intervals, i => Assert.Contains(i.Start, measuredStarts));
    }

    [Fact]
    public async Task The_log_is_plain_utf8_in_hdrhistogram_format_and_the_series_is_one_json_object_per_line()
    {
        using var output = new TempDirectory();
        var result = await RunAsync(output.Path);

        var log = File.ReadAllBytes(result.Files!.IntervalLog);
        Assert.StartsWith("#[Histogram log format version 1.3]\n#[StartTime: ", Encoding.ASCII.GetString(log), StringComparison.Ordinal);
        Assert.Contains("Tag=measurement/latency/read@replica1,", Encoding.UTF8.GetString(log), StringComparison.Ordinal);

        var lines = File.ReadAllLines(result.Files.Series);
        Assert.Equal(1 + result.TimeSeries.Count, lines.Length);
        using var header = JsonDocument.Parse(lines[0]);
        Assert.Equal("run", header.RootElement.GetProperty("record").GetString());
        Assert.Equal("logged", header.RootElement.GetProperty("scenario").GetString());
        for (var i = 1; i < lines.Length; i++)
        {
            using var line = JsonDocument.Parse(lines[i]);
            var point = result.TimeSeries[i - 1];
            Assert.Equal("interval", line.RootElement.GetProperty("record").GetString());
            Assert.Equal(point.Completed, line.RootElement.GetProperty("completed").GetInt64());
            Assert.Equal(point.Latency.P99, line.RootElement.GetProperty("latencyUs").GetProperty("p99").GetInt64());
            Assert.Equal(point.Phase == RunPhase.WarmUp ? "warmup" : "measurement", line.RootElement.GetProperty("phase").GetString());
        }
    }

    private static Task<LoadRunResult> RunAsync(string directory) => MixedReadWriteRun.RunAsync(directory, "logged", timeSpread: 7, think: 10);
}
