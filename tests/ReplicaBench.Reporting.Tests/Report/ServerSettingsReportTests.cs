using System.Text.Json.Nodes;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;

namespace ReplicaBench.Reporting.Tests.Report;

/// <summary>A run on a topology with per-role server settings: the settings table has a row per role, and a run without says nothing.</summary>
public sealed class ServerSettingsReportTests
{
    [Fact]
    public void The_settings_table_lists_each_roles_settings_by_name()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        run.EditResults(root => root["run"]!["serverSettings"] = JsonNode.Parse(
            """{ "primary": { "work_mem": "8MB", "max_connections": "300" }, "replicas": { "hot_standby_feedback": "off" } }"""));

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        var summary = File.ReadAllText(output.SummaryMarkdown);
        Assert.Contains("| primary settings | max_connections=300, work_mem=8MB |", summary, StringComparison.Ordinal);
        Assert.Contains("| replica settings | hot_standby_feedback=off |", summary, StringComparison.Ordinal);
        Assert.Contains("<td>hot_standby_feedback=off</td>", File.ReadAllText(output.IndexHtml), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_server_settings_has_no_such_rows()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        Assert.DoesNotContain("primary settings", File.ReadAllText(output.SummaryMarkdown), StringComparison.Ordinal);
    }
}
