using System.Text.Json.Nodes;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;

namespace ReplicaBench.Reporting.Tests.Report;

/// <summary>A cell that failed more than 5% of its operations is called out in red; one at 4.9% is not.</summary>
public sealed class ErrorRateReportTests
{
    private const string Flagged = "r2-round-robin: error rate 5.1% (over 5%), 51 errors; its latency and throughput count successes only.";

    [Fact]
    public void Only_the_cell_above_five_percent_is_flagged_in_the_summary_and_in_red_in_the_html()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        run.EditResults(root =>
        {
            foreach (var cell in root["cells"]!.AsArray().Select(c => c!.AsObject()))
            {
                // 49 of 1000 (4.9%) and 51 of 1000 (5.1%); the second as load records it.
                (cell["operations"], cell["errors"]) = cell["id"]!.GetValue<string>() switch
                {
                    "r1-round-robin" => (JsonValue.Create(951L), JsonValue.Create(49L)),
                    "r2-round-robin" => (JsonValue.Create(949L), JsonValue.Create(51L)),
                    _ => (cell["operations"]!.DeepClone(), cell["errors"]!.DeepClone()),
                };
                if (cell["id"]!.GetValue<string>() == "r2-round-robin")
                {
                    cell["highErrorRate"] = JsonNode.Parse("""{ "rate": 0.051, "threshold": 0.05 }""");
                }
            }
        });

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));
        var markdown = File.ReadAllText(output.SummaryMarkdown);
        var html = File.ReadAllText(output.IndexHtml);

        Assert.Contains("\n> 🔴 **High error rate:** " + Flagged, markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("r1-round-robin: error rate", markdown, StringComparison.Ordinal);
        Assert.Contains("color:#b71c1c", html, StringComparison.Ordinal);
        Assert.Contains("<strong>High error rate.</strong><ul>\n<li>" + Flagged + "</li>\n</ul>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("r1-round-robin: error rate", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_errors_has_no_flag() =>
        Assert.Empty(ErrorRateFlags.Lines(RunFolderReader.Read(TempRunFolder.FixturePath("run-full")).Cells));
}
