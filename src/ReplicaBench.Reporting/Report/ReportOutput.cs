namespace ReplicaBench.Reporting.Report;

/// <summary>What <see cref="ReportWriter"/> wrote, so front ends can print the paths and the verdict.</summary>
public sealed record ReportOutput(string Directory, string IndexHtml, string SummaryMarkdown, IReadOnlyList<string> ChartFiles, IReadOnlyList<string> Verdict);
