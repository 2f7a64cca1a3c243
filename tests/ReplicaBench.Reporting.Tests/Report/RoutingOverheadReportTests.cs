using System.Text;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Tests.Report;

/// <summary>The micro section shows the routing-overhead step's CPU per operation beside the BenchmarkDotNet table.</summary>
public sealed class RoutingOverheadReportTests
{
    private static readonly RoutingOverheadResults Measured = new()
    {
        MeasuredAt = "2026-12-06T01:00:00.0000000+00:00",
        Baseline = "plain NpgsqlDataSource -> primary",
        VirtualUsers = 4,
        OperationsPerPass = 20_000,
        Rounds = 3,
        Cores = 2,
        BaselineCpuMicrosPerOperation = 17.4,
        Policies =
        [
            new() { Policy = "primary-only", Baseline = "plain NpgsqlDataSource -> primary", CpuMicrosPerOperation = 17.6, BaselineCpuMicrosPerOperation = 17.4, OverheadMicrosPerOperation = 0.2, OverheadPercent = 1.149, OverheadMicrosPerRound = [0.2, -0.1, 0.4], ReplicaReadShare = 0 },
            new() { Policy = "round-robin", Baseline = "plain per replica, in rotation", CpuMicrosPerOperation = 21.4, BaselineCpuMicrosPerOperation = 17.4, OverheadMicrosPerOperation = 4.0, OverheadPercent = 22.989, OverheadMicrosPerRound = [4.0, 3.5, 4.5], ReplicaReadShare = 1 },
        ],
    };

    [Fact]
    public void The_Markdown_summary_has_a_routing_overhead_table_after_the_microbenchmarks()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        RoutingOverheadFile.Write(Path.Combine(run.Path, "micro", RoutingOverheadFile.FileName), Measured);

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));
        var markdown = File.ReadAllText(output.SummaryMarkdown, Encoding.UTF8);

        Assert.Contains("## Routing overhead (CPU per operation)", markdown, StringComparison.Ordinal);
        Assert.Contains("| primary-only | 17.60 | plain NpgsqlDataSource -> primary | 17.40 | +0.20 | +1.1 | yes | 0% | +0.05 to +0.30 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| round-robin | 21.40 | plain per replica, in rotation | 17.40 | +4.00 | +23.0 | no | 100.0% | +3.75 to +4.25 |", markdown, StringComparison.Ordinal);
        Assert.Contains("- Routing overhead (CPU per read vs plain reads of the same servers): 1 of 2 policies within 5% or 1 µs (primary-only); most +4.00 µs (round-robin).", markdown, StringComparison.Ordinal);
        Assert.True(
            markdown.IndexOf("## Microbenchmarks", StringComparison.Ordinal) < markdown.IndexOf("## Routing overhead", StringComparison.Ordinal),
            "the routing-overhead table belongs beside (after) the BenchmarkDotNet table");
    }

    [Fact]
    public void The_HTML_report_has_the_same_table()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        RoutingOverheadFile.Write(Path.Combine(run.Path, "micro", RoutingOverheadFile.FileName), Measured);

        var html = File.ReadAllText(ReportWriter.Write(RunFolderReader.Read(run.Path)).IndexHtml);

        Assert.Contains("<h2>Routing overhead (CPU per operation)</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td>round-robin</td><td>21.40</td><td>plain per replica, in rotation</td><td>17.40</td><td>+4.00</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_with_only_the_routing_overhead_file_is_a_run_folder()
    {
        using var run = TempRunFolder.Empty();
        Directory.CreateDirectory(Path.Combine(run.Path, "micro"));
        RoutingOverheadFile.Write(Path.Combine(run.Path, "micro", RoutingOverheadFile.FileName), Measured);

        var folder = RunFolderReader.Read(run.Path);

        Assert.Equal(Measured, folder.RoutingOverhead! with { Policies = Measured.Policies });
        Assert.Equal(2, folder.RoutingOverhead!.Policies.Count);
    }

    [Fact]
    public void A_version_1_file_compares_every_row_with_the_top_level_baseline()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        var version1 = Measured with
        {
            SchemaVersion = 1,
            Policies = [.. Measured.Policies.Select(p => p with { Baseline = null })],
        };
        RoutingOverheadFile.Write(Path.Combine(run.Path, "micro", RoutingOverheadFile.FileName), version1);

        var markdown = File.ReadAllText(ReportWriter.Write(RunFolderReader.Read(run.Path)).SummaryMarkdown, Encoding.UTF8);

        Assert.Contains("| round-robin | 21.40 | plain NpgsqlDataSource -> primary | 17.40 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_routing_overhead_file_from_a_newer_version_is_one_line_of_bad_input()
    {
        using var run = TempRunFolder.Empty();
        Directory.CreateDirectory(Path.Combine(run.Path, "micro"));
        File.WriteAllText(Path.Combine(run.Path, "micro", RoutingOverheadFile.FileName), "{\"schemaVersion\": 99}");

        var error = Assert.Throws<BadInputException>(() => RunFolderReader.Read(run.Path));

        Assert.Contains("schemaVersion 99", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
