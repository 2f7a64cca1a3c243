using System.Text.Json.Nodes;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;

namespace ReplicaBench.Reporting.Tests.Report;

/// <summary>A run through a transaction pooler: the report's verdict says which, with the pool size, and that statements ran unprepared.</summary>
public sealed class PoolerReportTests
{
    [Fact]
    public void The_summary_names_the_pooler_and_its_pool_size()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        run.EditResults(root => root["run"]!["pooler"] = JsonNode.Parse("""{ "name": "pgbouncer", "defaultPoolSize": 40 }"""));

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        Assert.Contains(
            "- Connections went through pgbouncer in transaction mode (default_pool_size 40 server connections per node): latencies include the pooler's hop, and statements ran unprepared (a transaction pooler cannot keep server-side prepared statements).",
            File.ReadAllText(output.SummaryMarkdown),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_a_pooler_says_nothing_about_one()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        Assert.DoesNotContain("pooler", File.ReadAllText(output.SummaryMarkdown), StringComparison.OrdinalIgnoreCase);
    }
}
