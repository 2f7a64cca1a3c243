using System.Text.Json.Nodes;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;

namespace ReplicaBench.Reporting.Tests.Report;

/// <summary>
/// A long-reads run with the hot_standby_feedback pair (two cells of the fixture made into
/// r1-round-robin-hsf-off and -hsf-on with known conflicts and table figures): the report's conflicts
/// table and the pair's sentence, exactly; a run without such cells has no such section.
/// </summary>
public sealed class ConflictReportTests
{
    private const string Sentence =
        "r1-round-robin: hot_standby_feedback off: 12 long reads cancelled (snapshot); on: 0 cancelled, the primary kept 4,000 more dead tuples (+1.2 MB).";

    [Fact]
    public void The_pair_is_one_sentence_and_each_cell_a_row_of_client_and_server_counts_and_the_primarys_table()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        run.EditResults(root =>
        {
            var cells = root["cells"]!.AsArray();
            // off: 12 snapshot conflicts, counted alike; vacuum removed every dead tuple; 483,328 -> 925,696 bytes.
            Pair(cells[1]!, "r1-round-robin-hsf-off", "off", """{ "snapshot": 12 }""", """{ "snapshot": 12 }""", 0, 925_696);
            // on: none; the last vacuum kept 4,000 dead tuples; 2,183,168 bytes, 1,257,472 (1.2 MB) more than off.
            Pair(cells[2]!, "r1-round-robin-hsf-on", "on", "{}", "{}", 4_000, 2_183_168);
        });

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        var summary = File.ReadAllText(output.SummaryMarkdown);
        Assert.Contains("\n## Recovery conflicts\n", summary, StringComparison.Ordinal);
        Assert.Contains("| r1-round-robin-hsf-off | off | 2.00 | snapshot 12 | snapshot 12 | 0 → 0 | 0.5 MB → 0.9 MB |", summary, StringComparison.Ordinal);
        Assert.Contains("| r1-round-robin-hsf-on | on | 2.00 | 0 | 0 | 0 → 4,000 | 0.5 MB → 2.1 MB |", summary, StringComparison.Ordinal);
        Assert.Contains("\n" + Sentence + " Cancelled (client):", summary, StringComparison.Ordinal);
        var html = File.ReadAllText(output.IndexHtml);
        Assert.Contains("<td>snapshot 12</td>", html, StringComparison.Ordinal);
        Assert.Contains(Sentence, html, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_kinds_are_each_named_with_their_count_and_fewer_dead_tuples_say_so()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        run.EditResults(root =>
        {
            var cells = root["cells"]!.AsArray();
            Pair(cells[1]!, "r1-round-robin-hsf-off", "off", """{ "snapshot": 32, "bufferpin": 1 }""", """{ "snapshot": 32, "bufferpin": 1 }""", 100, 925_696);
            Pair(cells[2]!, "r1-round-robin-hsf-on", "on", """{ "snapshot": 2 }""", """{ "snapshot": 3 }""", 0, 925_696);
        });

        var summary = File.ReadAllText(ReportWriter.Write(RunFolderReader.Read(run.Path)).SummaryMarkdown);

        Assert.Contains(
            "r1-round-robin: hot_standby_feedback off: 33 long reads cancelled (32 snapshot, 1 bufferpin); on: 2 cancelled (snapshot), the primary kept 100 fewer dead tuples (+0.0 MB).",
            summary,
            StringComparison.Ordinal);
        Assert.Contains("| snapshot 32, bufferpin 1 | snapshot 32, bufferpin 1 |", summary, StringComparison.Ordinal);
        Assert.Contains("| snapshot 2 | snapshot 3 |", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_long_reads_has_no_conflicts_section()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        Assert.DoesNotContain("Recovery conflicts", File.ReadAllText(output.SummaryMarkdown), StringComparison.Ordinal);
        Assert.DoesNotContain("hot_standby_feedback", File.ReadAllText(output.IndexHtml), StringComparison.Ordinal);
    }

    internal static void Pair(JsonNode cell, string id, string feedback, string client, string server, long deadAfter, long sizeAfter)
    {
        cell["id"] = id;
        cell["policy"] = "round-robin";
        cell["scenario"] = "long-reads";
        cell["hotStandbyFeedback"] = feedback;
        cell["longReadSeconds"] = 2.0;
        cell["conflicts"] = JsonNode.Parse($$"""{ "client": {{client}}, "server": {{server}} }""");
        cell["primaryTable"] = JsonNode.Parse(
            $$"""{ "table": "replicabench.long_reads", "deadTuplesBefore": 0, "deadTuplesAfter": {{deadAfter}}, "sizeBytesBefore": 483328, "sizeBytesAfter": {{sizeAfter}}, "cycles": 8 }""");
    }
}
