using ScottPlot;

namespace ReplicaBench.Reporting.Charts;

/// <summary>
/// The look every chart shares: one font that exists on headless Linux (DejaVu Sans, from
/// fonts-dejavu-core), sizes readable when the PNG is shrunk into a pull request, and a palette
/// whose neighbours are distinguishable.
/// </summary>
internal static class ChartStyle
{
    public const string FontName = "DejaVu Sans";

    public const int Width = 1000;

    public const int Height = 560;

    public static readonly Color FallbackColor = Color.FromHex("#d62728");

    public static readonly Color AsIntendedColor = Color.FromHex("#1f77b4");

    public static readonly Color ErrorColor = Color.FromHex("#d62728");

    private static readonly ScottPlot.Palettes.Category10 Palette10 = new();

    private static readonly ScottPlot.Palettes.Category20 Palette20 = new();

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, size: 20);
        plot.XLabel(xLabel, size: 15);
        plot.YLabel(yLabel, size: 15);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Axes.Right.TickLabelStyle.FontSize = 13;
        plot.Legend.FontSize = 13;
        plot.Legend.FontName = FontName;
        return plot;
    }

    /// <summary>Colour <paramref name="index"/> of <paramref name="count"/>: Category10 while it suffices, then Category20.</summary>
    public static Color Series(int index, int count) =>
        count <= 10 ? Palette10.GetColor(index % 10) : Palette20.GetColor(index % 20);

    /// <summary>
    /// Ticks on whole seconds for a time axis whose points are one-second intervals: the automatic
    /// ticks (3, 3.2, 3.4 …) suggest a resolution the data does not have.
    /// </summary>
    public static void WholeSecondsOnX(Plot plot) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

    /// <summary>Applied last, after every plottable exists, so legends and fonts cover everything added.</summary>
    public static void Finish(Plot plot, bool legend = true)
    {
        plot.Font.Set(FontName);
        if (legend)
        {
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.FontSize = 13;
            plot.Legend.FontName = FontName;
        }
        else
        {
            plot.HideLegend();
        }
    }
}
