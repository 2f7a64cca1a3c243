using ScottPlot;

namespace ReplicaBench.Reporting.Charts;

/// <summary>Renders a finished plot both ways, PNG and SVG, at one pixel size.</summary>
internal static class ChartRenderer
{
    public static RenderedChart Render(Plot plot, string name, string title, string caption, int width = ChartStyle.Width, int height = ChartStyle.Height)
    {
        var png = plot.GetImageBytes(width, height, ImageFormat.Png);
        var svg = plot.GetSvgXml(width, height);
        return new RenderedChart(name, title, caption, png, svg);
    }
}
