namespace ReplicaBench.Reporting.Report;

/// <summary>A section of the HTML report: its element id and its one heading.</summary>
public sealed record ReportSection(string Id, string Heading);
