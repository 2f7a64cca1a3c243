using System.Text.Json.Nodes;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Tests.Report;

/// <summary>A run with fault scenarios: markers on the time-series charts and a faults table in both report files.</summary>
public sealed class FaultReportTests
{
    [Fact]
    public void Fault_events_are_drawn_on_the_time_series_charts_and_listed_in_a_faults_table()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        run.EditResults(root => Cell(root, "r2-round-robin")["faults"] = JsonNode.Parse("""
            [
              { "kind": "replica-kill", "node": "replica1", "at": 10, "startedAt": 10.002, "completedAt": 10.3, "error": null,
                "firstErrorAt": 10.25, "lastErrorAt": 10.251, "errors": 3, "errorsByKind": { "connection-lost": 3 },
                "preFaultThroughput": 2100, "lowestThroughput": 1500, "recoveryMs": 1000, "readsRedirected": 5120,
                "readsRedirectedToPrimary": 0, "staleReads": 4, "writeUnavailableMs": null, "promoted": null, "leftOut": [] },
              { "kind": "failover", "node": "replica2", "at": 20, "startedAt": 20.001, "completedAt": 22.5, "error": null,
                "firstErrorAt": 20.4, "lastErrorAt": 21.6, "errors": 240, "errorsByKind": { "connection-refused": 230, "connection-lost": 10 },
                "preFaultThroughput": 2100, "lowestThroughput": 800, "recoveryMs": null, "readsRedirected": 900,
                "readsRedirectedToPrimary": 12, "staleReads": 30, "writeUnavailableMs": 1760.9, "promoted": "replica2", "leftOut": [] }
            ]
            """));

        var folder = RunFolderReader.Read(run.Path);
        var output = ReportWriter.Write(folder);

        Assert.Equal(["replica-kill", "failover"], folder.Cells.Single(c => c.Id == "r2-round-robin").Faults.Select(f => f.Kind));
        var summary = File.ReadAllText(output.SummaryMarkdown);
        Assert.Contains("## Faults", summary, StringComparison.Ordinal);
        Assert.Contains("| r2-round-robin | replica-kill replica1 @10s | 10.250 / 10.251 | 3 (connection-lost 3) | 1,000 | 5,120 (0) | 4 | – |", summary, StringComparison.Ordinal);
        Assert.Contains("| r2-round-robin | failover replica2 @20s | 20.400 / 21.600 | 240 (connection-lost 10, connection-refused 230) | not recovered | 900 (12) | 30 | 1,761 |", summary, StringComparison.Ordinal);
        var html = File.ReadAllText(output.IndexHtml);
        Assert.Contains("<h2>Faults</h2>", html, StringComparison.Ordinal);
        Assert.Contains("Dashed vertical lines mark the 2 fault(s) injected", html, StringComparison.Ordinal);
        foreach (var chart in new[] { "throughput-over-time", "p99-over-time", "staleness-r2-round-robin" })
        {
            var svg = File.ReadAllText(Path.Combine(output.Directory, chart + ".svg"));
            Assert.Contains("replica-kill replica1", svg, StringComparison.Ordinal);
            Assert.Contains("failover replica2", svg, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("failover replica2", File.ReadAllText(Path.Combine(output.Directory, "staleness-r1-round-robin.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_faults_has_no_faults_section_and_no_markers()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        Assert.DoesNotContain("## Faults", File.ReadAllText(output.SummaryMarkdown), StringComparison.Ordinal);
        Assert.DoesNotContain("Dashed vertical lines", File.ReadAllText(output.IndexHtml), StringComparison.Ordinal);
    }

    private static JsonObject Cell(JsonObject root, string id) =>
        root["cells"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == id)!.AsObject();
}
