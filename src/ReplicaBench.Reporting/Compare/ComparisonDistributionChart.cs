using System.Text;
using ReplicaBench.Reporting.Charts.Distribution;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// compare's percentile-distribution chart: the candidate's cells as solid lines and the baseline
/// run's same cells dashed in the same colour, from both runs' HdrHistogram logs, written beside
/// compare's --out file (<c>STEM.percentile-distribution.png</c>) and linked from its Markdown.
/// With several runs a side, the first of each is drawn.
/// </summary>
public static class ComparisonDistributionChart
{
    public const string Caption =
        "Latency at each percentile, candidate solid and baseline dashed (same colour, same cell), from the runs' HdrHistogram logs; each step right is one more nine.";

    public static IReadOnlyList<DistributionLine> Lines(RunFolder baseline, RunFolder candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        return [.. PercentileDistributionChart.Lines(candidate), .. PercentileDistributionChart.Lines(baseline, baseline: true)];
    }

    /// <summary>
    /// Writes the chart beside <paramref name="markdownPath"/> and returns the Markdown section that
    /// shows it; null (nothing written) when neither run has a histogram log.
    /// </summary>
    public static string? Write(RunFolder baseline, RunFolder candidate, string markdownPath)
    {
        var lines = Lines(baseline, candidate);
        if (lines.Count == 0)
        {
            return null;
        }

        var chart = PercentileDistributionChart.Render(lines, "Latency by percentile: candidate vs baseline", Caption);
        var fileName = Path.GetFileNameWithoutExtension(markdownPath) + "." + PercentileDistributionChart.Name + ".png";
        var directory = Path.GetDirectoryName(Path.GetFullPath(markdownPath))!;
        try
        {
            AtomicFile.WriteAllBytes(Path.Combine(directory, fileName), chart.Png);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot write the comparison chart '{Path.Combine(directory, fileName)}' ({ex.Message}); choose a writable --out.", ex);
        }

        return new StringBuilder()
            .Append("\n## Latency by percentile\n\n")
            .Append("![").Append(chart.Title).Append("](").Append(fileName).Append(")\n\n")
            .Append(Caption).Append('\n')
            .ToString();
    }
}
