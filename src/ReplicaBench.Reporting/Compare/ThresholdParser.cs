using System.Globalization;

namespace ReplicaBench.Reporting.Compare;

/// <summary>Parses <c>--threshold</c>: <c>5%</c> or <c>5</c> (percent), into a fraction (0.05).</summary>
public static class ThresholdParser
{
    public static double Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().TrimEnd('%').Trim();
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || !double.IsFinite(percent) || percent < 0 || percent >= 1000)
        {
            throw new BadInputException($"--threshold '{text}' is not a percentage; use e.g. --threshold 5% (0 to 999).");
        }

        return percent / 100;
    }
}
