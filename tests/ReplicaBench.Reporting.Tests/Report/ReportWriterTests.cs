using System.Text;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Tests.Report;

public sealed class ReportWriterTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly string[] ExpectedCharts =
    [
        "throughput", "latency-percentiles", "throughput-over-time", "p99-over-time", "node-throughput",
        "staleness-r1-read-your-writes", "staleness-r1-round-robin", "staleness-r2-read-your-writes", "staleness-r2-round-robin",
        "t-visibility", "routing", "microbenchmarks",
    ];

    [Fact]
    public void Every_chart_is_written_as_a_non_empty_PNG_and_SVG()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        foreach (var chart in ExpectedCharts)
        {
            var png = File.ReadAllBytes(Path.Combine(output.Directory, chart + ".png"));
            Assert.True(png.Length > 5000, $"{chart}.png is only {png.Length} bytes");
            Assert.Equal(PngSignature, png[..8]);
            var svg = File.ReadAllText(Path.Combine(output.Directory, chart + ".svg"));
            Assert.Contains("<svg", svg, StringComparison.Ordinal);
            Assert.EndsWith("</svg>", svg.TrimEnd(), StringComparison.Ordinal);
            Assert.Contains("DejaVu Sans", svg, StringComparison.Ordinal);
        }

        Assert.Equal(ExpectedCharts.Length * 2, output.ChartFiles.Count);
    }

    [Fact]
    public void The_Markdown_summary_matches_the_stored_expected_file()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        var expected = File.ReadAllText(TempRunFolder.FixturePath(Path.Combine("expected", "run-full.summary.md")), Encoding.UTF8);
        Assert.Equal(expected, File.ReadAllText(output.SummaryMarkdown, Encoding.UTF8));
    }

    [Fact]
    public void The_HTML_is_one_self_contained_file_with_the_verdict_first_and_the_same_host_caveat()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));
        var html = File.ReadAllText(output.IndexHtml);

        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ExpectedCharts.Length, CountOf(html, "src=\"data:image/png;base64,"));
        Assert.True(html.IndexOf("class=\"verdict\"", StringComparison.Ordinal) < html.IndexOf("<img", StringComparison.Ordinal));
        Assert.Contains("+63% read throughput (round-robin)", html, StringComparison.Ordinal);
        Assert.Contains("shared the same CPUs", html, StringComparison.Ordinal);
        Assert.Contains("Probabilistically Bounded Staleness", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_in_the_settings_never_reaches_the_report()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        run.EditResults(root => root["run"]!["settings"]!["target"] = "Host=db;Username=bench;Password=hunter2-secret;Database=x");

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        Assert.DoesNotContain("hunter2-secret", File.ReadAllText(output.IndexHtml), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", File.ReadAllText(output.SummaryMarkdown), StringComparison.Ordinal);
        Assert.Contains("Password=***", File.ReadAllText(output.SummaryMarkdown), StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_without_data_are_skipped_rather_than_drawn_empty()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        File.Delete(run.ResultsFile);

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        Assert.Equal(["microbenchmarks.png", "microbenchmarks.svg"], output.ChartFiles.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("shared the same CPUs", File.ReadAllText(output.IndexHtml), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
