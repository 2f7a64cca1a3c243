using System.Globalization;

namespace ReplicaBench.Topology.External;

/// <summary>
/// Reads the <c>host[:port]</c> form used by <c>REPLICABENCH_PRIMARY</c>, <c>REPLICABENCH_REPLICAS</c>
/// and string endpoints in the config file. IPv6 addresses take brackets (<c>[::1]:5432</c>); a bare
/// IPv6 address without brackets is read as a host on the default port.
/// </summary>
internal static class EndpointAddress
{
    /// <summary>Parses an address or throws a <see cref="BadInputException"/> naming <paramref name="field"/>.</summary>
    public static (string Host, int Port) Parse(string text, string field)
    {
        var value = text.Trim();
        string host;
        string? port = null;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < value.Length && value[close + 1] != ':'))
            {
                throw Bad(text, field);
            }

            host = value[1..close];
            port = close + 1 < value.Length ? value[(close + 2)..] : null;
        }
        else if (value.Count(c => c == ':') == 1)
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            host = value[..colon];
            port = value[(colon + 1)..];
        }
        else
        {
            host = value;
        }

        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            throw Bad(text, field);
        }

        return (host, port is null ? ExternalEndpoint.DefaultPort : ParsePort(port, field));
    }

    /// <summary>A TCP port 1..65535, or a <see cref="BadInputException"/> naming <paramref name="field"/>.</summary>
    public static int ParsePort(string text, string field) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? CheckPort(port, field)
        : throw new BadInputException($"{field}: port '{text}' is not a number; use a TCP port from 1 to 65535 (PostgreSQL's default is {ExternalEndpoint.DefaultPort}).");

    public static int CheckPort(int port, string field) => port is >= 1 and <= 65535
        ? port
        : throw new BadInputException($"{field}: port {port} is out of range; use a TCP port from 1 to 65535 (PostgreSQL's default is {ExternalEndpoint.DefaultPort}).");

    private static BadInputException Bad(string text, string field) =>
        new($"{field}: '{text}' is not an address; write host or host:port (e.g. mydb.abc123.eu-west-1.rds.amazonaws.com:5432, [::1]:5432).");
}
