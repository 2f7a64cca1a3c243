using Npgsql;

namespace ReplicaBench.Topology.External;

/// <summary>
/// The libpq spellings of <c>sslmode</c> (what PostgreSQL users and the RDS documentation write),
/// mapped to Npgsql's <see cref="SslMode"/>.
/// </summary>
internal static class SslModeNames
{
    private static readonly (string Name, SslMode Mode)[] Known =
    [
        ("disable", SslMode.Disable),
        ("allow", SslMode.Allow),
        ("prefer", SslMode.Prefer),
        ("require", SslMode.Require),
        ("verify-ca", SslMode.VerifyCA),
        ("verify-full", SslMode.VerifyFull),
    ];

    public static string Listing => string.Join(", ", Known.Select(k => k.Name));

    public static SslMode Parse(string text, string field)
    {
        foreach (var (name, mode) in Known)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return mode;
            }
        }

        throw new BadInputException($"{field}: '{text}' is not an sslmode; use one of {Listing} (verify-full with the RDS CA bundle for RDS).");
    }

    public static string Format(SslMode mode) => Known.First(k => k.Mode == mode).Name;

    /// <summary>Whether the mode checks the server certificate against a CA (and so needs the right bundle).</summary>
    public static bool Verifies(SslMode mode) => mode is SslMode.VerifyCA or SslMode.VerifyFull;
}
