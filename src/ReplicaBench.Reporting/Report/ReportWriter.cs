using ReplicaBench.Reporting.Charts;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// Writes a run folder's report into <c>DIR/report/</c>: <c>index.html</c> (self-contained),
/// <c>summary.md</c>, and every chart as <c>NAME.png</c> and <c>NAME.svg</c>, each atomically
/// (<see cref="AtomicFile"/>): a full disk leaves the previous report's files whole and throws one
/// <see cref="OutputFileException"/> line.
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
        var files = new List<string>();
        foreach (var chart in charts)
        {
            var png = Path.Combine(directory, chart.Name + ".png");
            var svg = Path.Combine(directory, chart.Name + ".svg");
            AtomicFile.WriteAllBytes(png, chart.Png);
            AtomicFile.WriteAllText(svg, chart.Svg);
            files.Add(png);
            files.Add(svg);
        }

        var summary = Path.Combine(directory, "summary.md");
        AtomicFile.WriteAllText(summary, MarkdownSummary.Render(folder, verdict, charts));
        var index = Path.Combine(directory, "index.html");
        AtomicFile.WriteAllText(index, HtmlReport.Render(folder, verdict, charts));
        return new ReportOutput(directory, index, summary, files, verdict);
    }
}
