using System.Globalization;
using System.Text;

namespace ReplicaBench.Topology.Faults;

/// <summary>
/// The libpq connection string a re-pointed replica streams with (<c>primary_conninfo</c>), and
/// its quoting: values in single quotes with <c>\</c> and <c>'</c> escaped (libpq's rule), and the
/// whole string as a SQL literal for <c>ALTER SYSTEM</c>, which takes no parameters. The password is
/// inside, so neither string may ever reach a log or a message.
/// </summary>
internal static class ReplicationConnInfo
{
    /// <summary><c>host=... port=... user=... password=... application_name=...</c>, every value quoted.</summary>
    public static string For(string host, int port, string user, string password, string applicationName)
    {
        var text = new StringBuilder();
        Append(text, "host", host);
        Append(text, "port", port.ToString(CultureInfo.InvariantCulture));
        Append(text, "user", user);
        Append(text, "password", password);
        Append(text, "application_name", applicationName);
        return text.ToString();
    }

    /// <summary>A SQL string literal: single quotes doubled (standard_conforming_strings is on).</summary>
    public static string SqlLiteral(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void Append(StringBuilder text, string key, string value)
    {
        if (text.Length > 0)
        {
            text.Append(' ');
        }

        text.Append(key).Append("='")
            .Append(value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", @"\'", StringComparison.Ordinal))
            .Append('\'');
    }
}
