using System.Globalization;

namespace ReplicaBench.Routing;

/// <summary>Converts PostgreSQL <c>pg_lsn</c> text (<c>16/B374D848</c>) to and from 64-bit numbers.</summary>
public static class Lsn
{
    public static ulong Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !uint.TryParse(text.AsSpan(0, slash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var high)
            || !uint.TryParse(text.AsSpan(slash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var low))
        {
            throw new FormatException($"'{text}' is not a pg_lsn");
        }

        return ((ulong)high << 32) | low;
    }

    public static string Format(ulong lsn) =>
        string.Create(CultureInfo.InvariantCulture, $"{lsn >> 32:X}/{lsn & 0xFFFFFFFF:X}");
}
