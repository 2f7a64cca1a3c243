using System.Globalization;
using ReplicaBench.Configuration;

namespace ReplicaBench.Topology.External;

/// <summary>
/// Reads the <c>host[:port]</c> form used by <c>REPLICABENCH_PRIMARY</c>, <c>REPLICABENCH_REPLICAS</c>
/// and string endpoints in the config file. IPv6 addresses take brackets (<c>[::1]:5432</c>); a bare
/// IPv6 address without brackets is read as a host on the default port. Mistakes are
/// <see cref="SettingFormatException"/>s without the setting's name, which the caller adds.
/// </summary>
internal static class EndpointAddress
{
    public static (string Host, int Port) Parse(string text)
    {
        var value = text.Trim();
        string host;
        string? port = null;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < value.Length && value[close + 1] != ':'))
            {
                throw Bad(text);
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
            throw Bad(text);
        }

        return (host, port is null ? ExternalEndpoint.DefaultPort : ParsePort(port));
    }

    /// <summary>Why <paramref name="port"/> is not a TCP port 1..65535, or null when it is one.</summary>
    public static string? PortProblem(int port) => port is >= 1 and <= 65535
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"port {port} is out of range; use a TCP port from 1 to 65535 (PostgreSQL's default is {ExternalEndpoint.DefaultPort}).");

    private static int ParsePort(string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new SettingFormatException($"port '{text}' is not a number; use a TCP port from 1 to 65535 (PostgreSQL's default is {ExternalEndpoint.DefaultPort}).");
        }

        return PortProblem(port) is { } problem ? throw new SettingFormatException(problem) : port;
    }

    private static SettingFormatException Bad(string text) =>
        new($"'{text}' is not an address; write host or host:port (e.g. mydb.abc123.eu-west-1.rds.amazonaws.com:5432, [::1]:5432).");
}
