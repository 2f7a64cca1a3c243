using System.Text;
using ReplicaBench.Reporting.Charts;
using ReplicaBench.Reporting.Inputs;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// Writes a run folder's report into <c>DIR/report/</c>: <c>index.html</c> (self-contained),
/// <c>summary.md</c>, and every chart as <c>NAME.png</c> and <c>NAME.svg</c>.
/// </summary>
public static class ReportWriter
{
    public const string ReportFolderName = "report";

    public static ReportOutput Write(RunFolder folder, string? outputDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var directory = outputDirectory ?? Path.Combine(folder.Directory, ReportFolderName);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot create report folder '{directory}' ({ex.Message}); make the run folder writable or pass --out.", ex);
        }

        var verdict = ReportVerdict.Compute(folder);
        var charts = ReportCharts.Build(folder);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var files = new List<string>();
        foreach (var chart in charts)
        {
            var png = Path.Combine(directory, chart.Name + ".png");
            var svg = Path.Combine(directory, chart.Name + ".svg");
            File.WriteAllBytes(png, chart.Png);
            File.WriteAllText(svg, chart.Svg, utf8);
            files.Add(png);
            files.Add(svg);
        }

        var summary = Path.Combine(directory, "summary.md");
        File.WriteAllText(summary, MarkdownSummary.Render(folder, verdict, charts), utf8);
        var index = Path.Combine(directory, "index.html");
        File.WriteAllText(index, HtmlReport.Render(folder, verdict, charts), utf8);
        return new ReportOutput(directory, index, summary, files, verdict);
    }
}
