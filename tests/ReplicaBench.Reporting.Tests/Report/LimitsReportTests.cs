using System.Text.Json.Nodes;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;

namespace ReplicaBench.Reporting.Tests.Report;

/// <summary>
/// A <c>limits</c> run's report, by known answer: a fixture where replica1 falls behind only at the top
/// step (4,000 writes/s), replica2 never, replica3 at every step, on nodes emulated as primary 0.6 CPU,
/// replicas 0.2 CPU; the primary achieved at most 3,987 writes/s.
/// </summary>
public sealed class LimitsReportTests
{
    private const string Limits = """
        {
          "steps": [
            { "cell": "w600-r3-round-robin", "rate": 600, "achievedRate": 598.2, "walBytesPerSecond": 157286.4, "catchUpSeconds": 0.12, "catchUpTimedOut": false,
              "replicas": {
                "replica1": { "samples": 18, "lagMeanMs": 3.1, "lagP99Ms": 6.4, "lagSlopeMsPerSecond": 0.2, "fallingBehind": false },
                "replica2": { "samples": 18, "lagMeanMs": 1.5, "lagP99Ms": 2.5, "lagSlopeMsPerSecond": -0.1, "fallingBehind": false },
                "replica3": { "samples": 18, "lagMeanMs": 2400, "lagP99Ms": 4300, "lagSlopeMsPerSecond": 210, "fallingBehind": true } },
              "nodes": { "primary": { "coresUsed": 0.1, "quotaCores": 0.6 }, "replica1": { "coresUsed": 0.05, "quotaCores": 0.2 } } },
            { "cell": "w1200-r3-round-robin", "rate": 1200, "achievedRate": 1195, "walBytesPerSecond": 314572.8, "catchUpSeconds": 0.2, "catchUpTimedOut": false,
              "replicas": {
                "replica1": { "samples": 18, "lagMeanMs": 4, "lagP99Ms": 9, "lagSlopeMsPerSecond": 0.4, "fallingBehind": false },
                "replica2": { "samples": 18, "lagMeanMs": 1.6, "lagP99Ms": 2.7, "lagSlopeMsPerSecond": 0, "fallingBehind": false },
                "replica3": { "samples": 18, "lagMeanMs": 5100, "lagP99Ms": 9000, "lagSlopeMsPerSecond": 480, "fallingBehind": true } },
              "nodes": {} },
            { "cell": "w1800-r3-round-robin", "rate": 1800, "achievedRate": 1790, "walBytesPerSecond": 471859.2, "catchUpSeconds": 0.4, "catchUpTimedOut": false,
              "replicas": {
                "replica1": { "samples": 18, "lagMeanMs": 12, "lagP99Ms": 40, "lagSlopeMsPerSecond": 3.5, "fallingBehind": false },
                "replica2": { "samples": 18, "lagMeanMs": 1.8, "lagP99Ms": 3, "lagSlopeMsPerSecond": 0.1, "fallingBehind": false } },
              "nodes": {} },
            { "cell": "w4000-r3-round-robin", "rate": 4000, "achievedRate": 3987, "walBytesPerSecond": 1153433.6, "catchUpSeconds": 7.52, "catchUpTimedOut": false,
              "replicas": {
                "replica1": { "samples": 18, "lagMeanMs": 2500, "lagP99Ms": 4100, "lagSlopeMsPerSecond": 350, "fallingBehind": true },
                "replica2": { "samples": 18, "lagMeanMs": 2, "lagP99Ms": 4, "lagSlopeMsPerSecond": 0.1, "fallingBehind": false } },
              "nodes": { "primary": { "coresUsed": 0.58, "quotaCores": 0.6 }, "replica1": { "coresUsed": 0.2, "quotaCores": 0.2 } } }
          ],
          "sustainableWriteRate": { "replica1": 1800, "replica2": 4000, "replica3": null },
          "test": "least-squares slope ..."
        }
        """;

    [Fact]
    public void The_report_says_where_each_replica_stops_keeping_up_and_what_the_primary_accepted()
    {
        using var run = LimitsRun();

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        string[] sentences =
        [
            "replica1 (0.2 CPU) keeps up to ~1,800 writes/s; the primary (0.6 CPU) accepted 4,000",
            "replica2 (0.2 CPU) keeps up at every step, up to 4,000 writes/s; the primary (0.6 CPU) accepted 4,000",
            "replica3 (0.2 CPU) falls behind at every step, from 600 writes/s; the primary (0.6 CPU) accepted 4,000",
        ];
        var summary = File.ReadAllText(output.SummaryMarkdown);
        Assert.Contains("\n## Write limits\n\n- " + string.Join("\n- ", sentences) + "\n", summary, StringComparison.Ordinal);
        var html = File.ReadAllText(output.IndexHtml);
        Assert.Contains("<section id=\"write-limits\"><h2>Write limits</h2>\n<ul>\n<li>" + string.Join("</li>\n<li>", sentences) + "</li>\n</ul>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_has_a_row_per_step_with_rate_wal_lag_slope_catch_up_and_cpu()
    {
        using var run = LimitsRun();

        var summary = File.ReadAllText(ReportWriter.Write(RunFolderReader.Read(run.Path)).SummaryMarkdown);

        Assert.Contains(
            "| Rate (writes/s) | Achieved (writes/s) | WAL (MiB/s) | replica1 lag mean / p99 (ms), slope (ms/s) | replica2 lag mean / p99 (ms), slope (ms/s) | replica3 lag mean / p99 (ms), slope (ms/s) | Catch-up (s) | Node CPU |\n"
            + "|---:|---:|---:|---:|---:|---:|---:|---|\n"
            + "| 600 | 598 | 0.15 | 3.10 / 6.40, +0.2 | 1.50 / 2.50, -0.1 | 2,400 / 4,300, +210.0 behind | 0.1 | primary 0.1 of 0.6; replica1 0.05 of 0.2 |\n"
            + "| 1,200 | 1,195 | 0.30 | 4.00 / 9.00, +0.4 | 1.60 / 2.70, 0.0 | 5,100 / 9,000, +480.0 behind | 0.2 | n/a |\n"
            + "| 1,800 | 1,790 | 0.45 | 12.0 / 40.0, +3.5 | 1.80 / 3.00, +0.1 | n/a | 0.4 | n/a |\n"
            + "| 4,000 | 3,987 | 1.10 | 2,500 / 4,100, +350.0 behind | 2.00 / 4.00, +0.1 | n/a | 7.5 | primary 0.58 of 0.6; replica1 0.2 of 0.2 |\n",
            summary,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_lag_and_slope_charts_are_drawn_with_the_knees_marked_and_alt_text()
    {
        using var run = LimitsRun();

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        var html = File.ReadAllText(output.IndexHtml);
        Assert.Contains("<img alt=\"Chart: Replica lag against write rate (emulated nodes, primary 0.6 CPU, replicas 0.2 CPU). One colour per replica: its lag&#39;s mean (solid) and p99 (dashed)", html, StringComparison.Ordinal);
        Assert.Contains("<img alt=\"Chart: Lag slope against write rate (emulated nodes, primary 0.6 CPU, replicas 0.2 CPU). One line per replica", html, StringComparison.Ordinal);
        foreach (var chart in new[] { "limits-lag", "limits-slope" })
        {
            var svg = File.ReadAllText(Path.Combine(output.Directory, chart + ".svg"));

            // replica3 never kept up: no knee of its own.
            Assert.Contains("replica1 keeps up to 1,800", svg, StringComparison.Ordinal);
            Assert.Contains("replica2 keeps up to 4,000", svg, StringComparison.Ordinal);
            Assert.DoesNotContain("replica3 keeps up", svg, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(output.Directory, chart + ".png")));
        }

        Assert.Contains("![Replica lag against write rate (emulated nodes, primary 0.6 CPU, replicas 0.2 CPU)](limits-lag.png)", File.ReadAllText(output.SummaryMarkdown), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_limits_has_no_write_limits_section_or_chart()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        Assert.DoesNotContain("Write limits", File.ReadAllText(output.SummaryMarkdown), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output.Directory, "limits-lag.png")));
    }

    [Fact]
    public void Without_emulation_the_sentence_names_no_cpu_budget()
    {
        var limits = System.Text.Json.JsonSerializer.Deserialize(Limits, ReplicaBench.Results.ResultsJsonContext.Default.LimitsResults)!;

        Assert.Equal("replica1 keeps up to ~1,800 writes/s; the primary accepted 4,000", LimitsSentence.For(null, limits with { Steps = [.. limits.Steps.Select(s => s with { Nodes = new Dictionary<string, ReplicaBench.Results.LimitStepNodeCpu>() })] })[0]);
    }

    [Theory]
    [InlineData(1777, "1,800")]
    [InlineData(996, "1,000")]
    [InlineData(300, "300")]
    [InlineData(3987, "4,000")]
    [InlineData(12345, "12,000")]
    [InlineData(1750, "1,800")]
    public void Rates_are_rounded_to_two_significant_figures(double rate, string expected) =>
        Assert.Equal(expected, LimitsSentence.Rate(rate));

    private static TempRunFolder LimitsRun()
    {
        var run = TempRunFolder.CopyOf("run-full");
        run.EditResults(root =>
        {
            root["run"]!["emulation"] = JsonNode.Parse("""{ "nodeCpus": "primary=0.6,replicas=0.2", "nodeMemory": null }""");
            root["limits"] = JsonNode.Parse(Limits);
        });
        return run;
    }
}
