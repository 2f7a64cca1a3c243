using System.Globalization;

namespace ReplicaBench.Configuration;

/// <summary>
/// Parses human durations as used on the command line and in thresholds: <c>250us</c>,
/// <c>100ms</c>, <c>1.5s</c>, <c>2m</c>, <c>1h</c>, and a bare <c>0</c>. A unit is required for
/// any other number so that "100" is never silently read as seconds or milliseconds.
/// </summary>
public static class DurationParser
{
    private static readonly (string Suffix, double TicksPerUnit)[] Units =
    [
        ("us", TimeSpan.TicksPerMillisecond / 1000.0),
        ("µs", TimeSpan.TicksPerMillisecond / 1000.0),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s == "0")
        {
            return true;
        }

        // Longest suffix first so that "ms" is not read as "m" + "s".
        foreach (var (suffix, ticksPerUnit) in Units.OrderByDescending(u => u.Suffix.Length))
        {
            if (!s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var number = s[..^suffix.Length];
            if (number.Length == 0 || !char.IsAsciiDigit(number[^1]))
            {
                continue;
            }

            if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                && amount >= 0 && double.IsFinite(amount))
            {
                value = TimeSpan.FromTicks((long)Math.Round(amount * ticksPerUnit));
                return true;
            }

            return false;
        }

        return false;
    }

    /// <summary>Parses or throws a <see cref="BadInputException"/> naming the option and the expected form.</summary>
    public static TimeSpan Parse(string text, string optionName)
    {
        if (TryParse(text, out var value))
        {
            return value;
        }

        throw new BadInputException(
            $"{optionName}: '{text}' is not a duration; write a number with a unit, e.g. 250us, 100ms, 1.5s, 2m.");
    }

    /// <summary>Formats a duration the way <see cref="Parse"/> reads it (used in tables and JSON).</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0";
        }

        if (value.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value.Ticks / TimeSpan.TicksPerSecond}s");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.###}ms");
    }
}
