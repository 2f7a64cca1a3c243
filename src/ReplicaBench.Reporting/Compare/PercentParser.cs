using System.Globalization;

namespace ReplicaBench.Reporting.Compare;

/// <summary>Parses a percentage option such as <c>--min-change</c> or <c>--headroom</c>: <c>5%</c> or <c>5</c>, into a fraction (0.05).</summary>
public static class PercentParser
{
    /// <param name="text">The value as given.</param>
    /// <param name="option">The option's name, for the error line (e.g. <c>--min-change</c>).</param>
    public static double Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().TrimEnd('%').Trim();
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || !double.IsFinite(percent) || percent < 0 || percent >= 1000)
        {
            throw new BadInputException($"{option} '{text}' is not a percentage; use e.g. {option} 5% (0 to 999).");
        }

        return percent / 100;
    }
}
