using System.Globalization;

namespace ReplicaBench.Reporting;

/// <summary>Number formatting for reports: invariant culture always, so output is the same on every machine.</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A count or rate with thousands separators and sensible precision (4,115 / 41.2 / 0.41).</summary>
    public static string Number(double value) => Math.Abs(value) switch
    {
        >= 1000 => value.ToString("#,0", Invariant),
        >= 100 => value.ToString("0", Invariant),
        >= 10 => value.ToString("0.0", Invariant),
        >= 1 => value.ToString("0.00", Invariant),
        0 => "0",
        _ => value.ToString("0.000", Invariant),
    };

    public static string Number(double? value) => value is { } v ? Number(v) : "n/a";

    /// <summary>A positive rate rounded to two significant figures, with thousands separators: 1,777 as 1,800, 996 as 1,000.</summary>
    public static string TwoSignificant(double value)
    {
        if (value <= 0)
        {
            return "0";
        }

        var scale = Math.Pow(10, Math.Floor(Math.Log10(value)) - 1);
        return (Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale).ToString("#,0", Invariant);
    }

    public static string Ms(double? value) => value is { } v ? Number(v) + " ms" : "n/a";

    /// <summary>A fraction as a signed percentage with a true minus sign: +35% / −12.5%.</summary>
    public static string SignedPercent(double fraction)
    {
        var percent = fraction * 100;
        var magnitude = Math.Abs(percent) >= 10 ? Math.Abs(percent).ToString("0", Invariant) : Math.Abs(percent).ToString("0.0", Invariant);
        return (percent < 0 ? "−" : "+") + magnitude + "%";
    }

    public static string Percent(double fraction)
    {
        var percent = fraction * 100;
        return percent == 0 ? "0%" : Math.Abs(percent) >= 1 ? percent.ToString("0.0", Invariant) + "%" : percent.ToString("0.###", Invariant) + "%";
    }

    /// <summary>Nanoseconds in the unit that keeps the number readable.</summary>
    public static string Duration(double nanoseconds) => Math.Abs(nanoseconds) switch
    {
        >= 1e9 => (nanoseconds / 1e9).ToString("0.00", Invariant) + " s",
        >= 1e6 => (nanoseconds / 1e6).ToString("0.00", Invariant) + " ms",
        >= 1e3 => (nanoseconds / 1e3).ToString("0.00", Invariant) + " µs",
        _ => nanoseconds.ToString("0.0", Invariant) + " ns",
    };

    public static string Integer(long value) => value.ToString("#,0", Invariant);
}
