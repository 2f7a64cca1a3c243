using System.Text.Json.Nodes;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Tests.Charts;

public sealed class OmittedChartTests
{
    [Fact]
    public void A_cell_without_replicas_gets_a_sentence_instead_of_an_empty_staleness_timeline()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        // As the load runner writes a 0-replica cell: stale-read checks ran, found nothing, ages 0.
        run.EditResults(root =>
        {
            var cell = root["cells"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "r0-primary-only")!.AsObject();
            cell["staleReads"] = 0;
            cell["staleAgeMs"] = JsonNode.Parse("""{ "p50": 0, "p99": 0, "max": 0 }""");
        });

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        Assert.False(File.Exists(Path.Combine(output.Directory, "staleness-r0-primary-only.png")), "a 0-replica cell has no staleness timeline to draw");
        Assert.True(File.Exists(Path.Combine(output.Directory, "staleness-r1-round-robin.png")));
        Assert.Contains(
            "<p class=\"omitted\">No staleness timeline for 0 replicas, primary-only: without a replica there is no replication lag, visibility delay or stale read to draw.</p>",
            File.ReadAllText(output.IndexHtml),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_of_one_0_replica_cell_without_logs_or_CPU_draws_only_charts_with_data_and_says_what_it_left_out()
    {
        using var run = TempRunFolder.PartOf("run-full", replicas => replicas == 0, "r0-only");

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        Assert.Equal(
            ["latency-percentiles", "microbenchmarks", "node-throughput", "p99-over-time", "routing", "throughput", "throughput-over-time"],
            Directory.GetFiles(output.Directory, "*.png").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        var html = File.ReadAllText(output.IndexHtml);
        Assert.Contains("<p class=\"omitted\">No percentile-distribution chart: no cell has a readable HdrHistogram log", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"omitted\">No CPU-per-node chart: node CPU is measured only for nodes with a CPU quota", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"omitted\">No staleness timeline for 0 replicas, primary-only: without a replica", html, StringComparison.Ordinal);
        Assert.Contains("No staleness timeline for 0 replicas, primary-only: without a replica", File.ReadAllText(output.SummaryMarkdown), StringComparison.Ordinal);
    }
}
