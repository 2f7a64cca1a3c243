using System.Text;
using ReplicaBench.Reporting.Charts;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// The charts section of summary.md: each chart as an image link to the PNG written beside it, with
/// its caption, then a sentence for each chart left out — so the Markdown plus its PNGs is a report
/// of its own (reports/example/ is one).
/// </summary>
internal static class MarkdownCharts
{
    public static void Append(StringBuilder md, IReadOnlyList<RenderedChart> charts, IReadOnlyList<string> omitted)
    {
        if (charts.Count == 0 && omitted.Count == 0)
        {
            return;
        }

        md.Append("\n## Charts\n");
        foreach (var chart in charts)
        {
            md.Append("\n### ").Append(chart.Title).Append("\n\n");
            md.Append("![").Append(Escape(chart.Title)).Append("](").Append(chart.Name).Append(".png)\n\n");
            md.Append(chart.Caption).Append('\n');
        }

        foreach (var sentence in omitted)
        {
            md.Append("\n").Append(sentence).Append('\n');
        }
    }

    private static string Escape(string text) => text.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
}
