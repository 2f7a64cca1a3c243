using System.Globalization;

namespace ReplicaBench.Topology.External;

/// <summary>
/// One existing server the suite is pointed at (an RDS instance endpoint, a read replica endpoint,
/// any PostgreSQL). Carries no credentials, so it is safe to print and to write anywhere.
/// </summary>
/// <param name="Name">The node name used everywhere else (<c>primary</c>, <c>replica1</c>, or the configured name).</param>
/// <param name="Host">Host name or address exactly as configured (also what a .pgpass line is matched against).</param>
/// <param name="Port">TCP port.</param>
public sealed record ExternalEndpoint(string Name, string Host, int Port)
{
    /// <summary>The PostgreSQL default, used when an address gives no port.</summary>
    public const int DefaultPort = 5432;

    /// <summary><c>host:port</c>, with IPv6 addresses in brackets.</summary>
    public string Address => Host.Contains(':', StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{Port}")
        : string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    public override string ToString() => $"{Name} at {Address}";
}
