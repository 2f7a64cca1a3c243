using System.Net;
using System.Text;
using ReplicaBench.Reporting.Charts;
using ReplicaBench.Reporting.Inputs;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// The report as ONE self-contained HTML file: charts are PNG data URIs, styles are inline, there
/// is no script and no external reference, so it opens offline, as a CI artifact or an e-mail
/// attachment. Order: verdict, charts, tables, settings and machine.
/// </summary>
public static class HtmlReport
{
    private const string Style =
        "body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:1060px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}" +
        "h1{font-size:1.6em}.headline{font-size:1.2em;font-weight:bold}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd}" +
        ".verdict{background:#f4f7fb;border-left:4px solid #1f77b4;padding:.6em 1.2em}.caveat{background:#fff6e5;border-left:4px solid #e69500;padding:.6em 1.2em}.warning{background:#fdecea;border-left:4px solid #c62828;color:#8e0000;padding:.6em 1.2em}" +
        "img{max-width:100%;height:auto;border:1px solid #eee}figure{margin:1.5em 0}figcaption{color:#555;font-size:.92em}" +
        "table{border-collapse:collapse;font-size:.9em;margin:1em 0}th,td{border:1px solid #ddd;padding:.3em .6em;text-align:right}th:first-child,td:first-child{text-align:left}";

    public static string Render(RunFolder folder, IReadOnlyList<string> verdict, IReadOnlyList<RenderedChart> charts) =>
        RenderInto(folder, verdict, charts, []);

    /// <summary>The sections <see cref="Render"/> writes, in order: each is a <c>&lt;section id&gt;</c> with exactly one <c>&lt;h2&gt;</c> (the browser test checks the page against this).</summary>
    public static IReadOnlyList<ReportSection> Sections(RunFolder folder, IReadOnlyList<string> verdict, IReadOnlyList<RenderedChart> charts)
    {
        var sections = new List<ReportSection>();
        RenderInto(folder, verdict, charts, sections);
        return sections;
    }

    private static string RenderInto(RunFolder folder, IReadOnlyList<string> verdict, IReadOnlyList<RenderedChart> charts, List<ReportSection> sections)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(charts);
        var run = folder.Load?.Run;
        var html = new StringBuilder();
        var title = run is null ? "ReplicaBench report" : $"ReplicaBench report: run {run.Id}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>")
            .Append(Style).Append("</style></head><body>\n<h1>").Append(E(title)).Append("</h1>\n");
        Open(html, sections, "summary", "Summary");
        if (HeadlineSentence.For(folder.Cells) is { } headline)
        {
            html.Append("<p class=\"headline\">").Append(E(headline)).Append("</p>\n");
        }

        html.Append("<div class=\"verdict\"><ul>\n");
        foreach (var line in verdict.Where(l => l != ReportVerdict.SameHostCaveat && l != EmulationSentence.Caveat))
        {
            html.Append("<li>").Append(E(line)).Append("</li>\n");
        }

        html.Append("</ul></div>\n");
        var warnings = CellWarnings.Lines(folder.Cells);
        if (warnings.Count > 0)
        {
            html.Append("<div class=\"warning\"><strong>These figures may not measure the topology.</strong><ul>\n");
            foreach (var warning in warnings)
            {
                html.Append("<li>").Append(E(warning)).Append("</li>\n");
            }

            html.Append("</ul></div>\n");
        }

        ErrorRateFlags.AppendHtml(html, folder.Cells);
        if (run is { SameHost: true })
        {
            var emulated = run.Emulation?.NodeCpus is { Length: > 0 };
            html.Append(emulated ? "<p class=\"caveat\"><strong>Emulated nodes.</strong> " : "<p class=\"caveat\"><strong>Same host.</strong> ")
                .Append(E(emulated ? EmulationSentence.Caveat : ReportVerdict.SameHostCaveat)).Append("</p>\n");
        }

        Close(html);
        if (folder.Load?.Limits is { } limits)
        {
            Open(html, sections, "write-limits", LimitsTable.Title);
            html.Append("<ul>\n");
            foreach (var sentence in LimitsSentence.For(run, limits))
            {
                html.Append("<li>").Append(E(sentence)).Append("</li>\n");
            }

            html.Append("</ul>\n");
            AppendRows(html, LimitsTable.Headers(limits), LimitsTable.Rows(limits), LimitsTable.Note);
            Close(html);
        }

        foreach (var chart in charts)
        {
            Open(html, sections, "chart-" + chart.Name, chart.Title);
            html.Append("<figure><img alt=\"").Append(E(chart.AltText)).Append("\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(chart.Png)).Append("\"><figcaption>").Append(E(chart.Caption)).Append("</figcaption></figure>\n");
            Close(html);
        }

        if (ReportCharts.Omitted(folder) is { Count: > 0 } omitted)
        {
            Open(html, sections, "omitted-charts", "Charts left out");
            foreach (var sentence in omitted)
            {
                html.Append("<p class=\"omitted\">").Append(E(sentence)).Append("</p>\n");
            }

            Close(html);
        }

        AppendTables(html, folder, sections);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void AppendTables(StringBuilder html, RunFolder folder, List<ReportSection> sections)
    {
        var cells = MarkdownSummary.Ordered(folder.Cells);
        if (cells.Count > 0)
        {
            Open(html, sections, "cells", "Cells");
            html.Append("<table><tr><th>Cell</th><th>Replicas</th><th>Policy</th><th>ops/s</th><th>reads/s</th><th>writes/s</th><th>p50 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>errors</th><th>stale reads</th><th>stale rate</th></tr>\n");
            foreach (var c in cells)
            {
                Row(html, c.Id, c.Replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Policy, Format.Number(c.Throughput), Format.Number(c.ReadThroughput), Format.Number(c.WriteThroughput),
                    Format.Number(c.LatencyMs?.P50), Format.Number(c.LatencyMs?.P99), Format.Number(c.LatencyMs?.P999), Format.Integer(c.Errors),
                    c.StaleReads is { } s ? Format.Integer(s) : "n/a", c.StaleReadRate is { } r ? Format.Percent(r) : "n/a");
            }

            html.Append("</table>\n");
            Close(html);
        }

        AppendTable(html, sections, "operation-types", OperationTypeTable.Title, OperationTypeTable.Headers, OperationTypeTable.Rows(cells), OperationTypeTable.Note);
        AppendTable(html, sections, "cpu", "CPU", CpuTable.Headers, CpuTable.Rows(cells), CpuTable.Note);
        AppendTable(html, sections, "faults", "Faults", FaultTable.Headers, FaultTable.Rows(cells), FaultTable.Note);
        AppendTable(html, sections, "conflicts", ConflictTable.Title, ConflictTable.Headers, ConflictTable.Rows(cells), ConflictTable.Note(cells));
        if (folder.Micro.Count > 0)
        {
            Open(html, sections, "microbenchmarks", "Microbenchmarks");
            html.Append("<table><tr><th>Benchmark</th><th>Mean</th><th>CI lower</th><th>CI upper</th><th>Allocated/op</th></tr>\n");
            foreach (var b in folder.Micro.OrderBy(b => b.Key, StringComparer.Ordinal))
            {
                Row(html, b.Label, Format.Duration(b.MeanNs), Format.Duration(b.CiLowerNs), Format.Duration(b.CiUpperNs), b.AllocatedBytesPerOperation is { } a ? Format.Integer(a) + " B" : "n/a");
            }

            html.Append("</table>\n");
            Close(html);
        }

        if (folder.RoutingOverhead is { } overhead)
        {
            AppendTable(html, sections, "routing-overhead", RoutingOverheadTable.Title, RoutingOverheadTable.Headers, RoutingOverheadTable.Rows(overhead), RoutingOverheadTable.Note(overhead));
        }

        if (folder.Load?.Run is { } run)
        {
            Open(html, sections, "settings", "Settings and machine");
            html.Append("<table>\n");
            foreach (var (name, value) in MarkdownSummary.Settings(run, folder.Load?.Shards))
            {
                Row(html, name, value);
            }

            html.Append("</table>\n");
            Close(html);
        }
    }

    private static void AppendTable(StringBuilder html, List<ReportSection> sections, string id, string title, IReadOnlyList<string> headers, IReadOnlyList<string[]> rows, string note)
    {
        if (rows.Count == 0)
        {
            return;
        }

        Open(html, sections, id, title);
        AppendRows(html, headers, rows, note);
        Close(html);
    }

    private static void AppendRows(StringBuilder html, IReadOnlyList<string> headers, IReadOnlyList<string[]> rows, string note)
    {
        html.Append("<table><tr>");
        foreach (var header in headers)
        {
            html.Append("<th>").Append(E(header)).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var row in rows)
        {
            Row(html, row);
        }

        html.Append("</table><p>").Append(E(note)).Append("</p>\n");
    }

    // Every section is a <section id> holding exactly one <h2>: its heading.
    private static void Open(StringBuilder html, List<ReportSection> sections, string id, string heading)
    {
        sections.Add(new ReportSection(id, heading));
        html.Append("<section id=\"").Append(id).Append("\"><h2>").Append(E(heading)).Append("</h2>\n");
    }

    private static void Close(StringBuilder html) => html.Append("</section>\n");

    private static void Row(StringBuilder html, params string[] values)
    {
        html.Append("<tr>");
        foreach (var value in values)
        {
            html.Append("<td>").Append(E(value)).Append("</td>");
        }

        html.Append("</tr>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(SecretScrubber.Scrub(text));
}
