namespace ReplicaBench.Reporting.Charts;

/// <summary>One chart rendered both ways: PNG for the HTML and pull requests, SVG for print and zoom.</summary>
public sealed record RenderedChart(string Name, string Title, string Caption, byte[] Png, string Svg)
{
    /// <summary>The image's text alternative: what the chart is and what it shows, for a screen reader or a blocked image.</summary>
    public string AltText => $"Chart: {Title}. {Caption}";
}
