using System.Text.Json.Nodes;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;

namespace ReplicaBench.Reporting.Tests.Report;

/// <summary>A run on emulated nodes: the report says so in words, on its charts, and shows where the CPU went and what to distrust.</summary>
public sealed class EmulationReportTests
{
    private const string SaturatedWarning =
        "the load generator was saturated: it used 1.05 of the 1.1 core(s) left to it beside the nodes' quotas, so the throughput measures the generator, not the topology; give the nodes smaller quotas (--node-cpus) or run the generator on a machine with more cores.";

    [Fact]
    public void The_report_states_the_budget_labels_the_charts_emulated_and_lists_cpu_and_warnings()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        run.EditResults(root =>
        {
            root["run"]!["emulation"] = JsonNode.Parse("""{ "nodeCpus": "0.3", "nodeMemory": null }""");
            foreach (var cell in root["cells"]!.AsArray())
            {
                cell!["generator"] = JsonNode.Parse("""{ "cpuSeconds": 21, "coresUsed": 0.7, "cores": 2, "coresLeft": 1.1, "cpuMicrosPerOperation": 18.5, "saturated": false }""");
                cell["nodes"] = JsonNode.Parse("""
                    [ { "name": "primary", "role": "primary", "reads": 1000, "writes": 10, "errors": 0,
                        "cpuQuotaCores": 0.3, "cpuCoresUsed": 0.297, "quotaUsed": 0.99, "cpuMicrosPerOperation": 42.1 } ]
                    """);
            }

            var last = root["cells"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "r2-round-robin")!;
            last["generator"] = JsonNode.Parse("""{ "cpuSeconds": 31.5, "coresUsed": 1.05, "cores": 2, "coresLeft": 1.1, "cpuMicrosPerOperation": 20.25, "saturated": true }""");
            last["warnings"] = new JsonArray(SaturatedWarning);
        });

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        var summary = File.ReadAllText(output.SummaryMarkdown);
        Assert.Contains("- Each node emulated as 0.3 CPU; the load generator used up to 1.05 CPU (of the 1.1 cores left beside the nodes' quotas).", summary, StringComparison.Ordinal);
        Assert.Contains("- " + EmulationSentence.Caveat, summary, StringComparison.Ordinal);
        Assert.DoesNotContain(ReportVerdict.SameHostCaveat, summary, StringComparison.Ordinal);
        Assert.Contains("> **Warning:** r2-round-robin: " + SaturatedWarning, summary, StringComparison.Ordinal);
        Assert.Contains("| r2-round-robin | 1.05 of 1.1 left | 20.3 | yes | primary 99% of 0.3, 42.1 µs/op |", summary, StringComparison.Ordinal);
        Assert.Contains("| r0-primary-only | 0.7 of 1.1 left | 18.5 | no | primary 99% of 0.3, 42.1 µs/op |", summary, StringComparison.Ordinal);

        var html = File.ReadAllText(output.IndexHtml);
        Assert.Contains("<div class=\"warning\"><strong>These figures may not measure the topology.</strong><ul>\n<li>r2-round-robin: the load generator was saturated", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Emulated nodes.</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Throughput by topology and policy (emulated nodes, 0.3 CPU each)</h2>", html, StringComparison.Ordinal);
        foreach (var chart in new[] { "throughput", "latency-percentiles", "throughput-over-time", "p99-over-time" })
        {
            Assert.Contains("(emulated nodes, 0.3 CPU each)", File.ReadAllText(Path.Combine(output.Directory, chart + ".svg")), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0.3", "0.3 CPU each")]
    [InlineData("primary=0.6,replicas=0.2", "primary 0.6 CPU, replicas 0.2 CPU")]
    [InlineData("0.5,replicas=0.2", "others 0.5 CPU, replicas 0.2 CPU")]
    public void A_budget_reads_as_sizes(string nodeCpus, string expected) =>
        Assert.Equal(expected, ReplicaBench.Reporting.Charts.EmulationLabel.Size(nodeCpus));

    [Fact]
    public void A_run_without_emulation_keeps_the_same_host_caveat_and_has_no_cpu_section()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        var summary = File.ReadAllText(output.SummaryMarkdown);
        Assert.Contains(ReportVerdict.SameHostCaveat, summary, StringComparison.Ordinal);
        Assert.DoesNotContain("## CPU", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("emulated", File.ReadAllText(output.IndexHtml), StringComparison.Ordinal);
    }
}
