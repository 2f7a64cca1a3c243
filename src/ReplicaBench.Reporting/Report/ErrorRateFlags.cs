using System.Net;
using System.Text;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// The cells that failed more than 5% of their operations (<see cref="HighErrorRate"/>), called out
/// in red at the top of the report: their latency and throughput count successes only.
/// </summary>
public static class ErrorRateFlags
{
    /// <summary>One sentence per flagged cell, in the cells' order; empty when none is.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<CellResults> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return [.. cells.Select(c => (Cell: c, Flag: HighErrorRate.Of(c)))
            .Where(p => p.Flag is not null)
            .Select(p => $"{p.Cell.Id}: {p.Flag!.Describe()}, {p.Cell.Errors} errors; its latency and throughput count successes only.")];
    }

    /// <summary>The red block for the HTML report, or nothing.</summary>
    public static void AppendHtml(StringBuilder html, IReadOnlyList<CellResults> cells)
    {
        ArgumentNullException.ThrowIfNull(html);
        var lines = Lines(cells);
        if (lines.Count == 0)
        {
            return;
        }

        html.Append("<div class=\"error-rate\" style=\"background:#fdecea;border-left:4px solid #c62828;color:#b71c1c;padding:.6em 1.2em\"><strong>High error rate.</strong><ul>\n");
        foreach (var line in lines)
        {
            html.Append("<li>").Append(WebUtility.HtmlEncode(line)).Append("</li>\n");
        }

        html.Append("</ul></div>\n");
    }

    /// <summary>The Markdown block (a red mark, since Markdown has no colour), or nothing.</summary>
    public static void AppendMarkdown(StringBuilder md, IReadOnlyList<CellResults> cells)
    {
        ArgumentNullException.ThrowIfNull(md);
        foreach (var line in Lines(cells))
        {
            md.Append("\n> 🔴 **High error rate:** ").Append(line);
        }
    }
}
