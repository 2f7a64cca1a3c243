using System.Text.RegularExpressions;

namespace ReplicaBench.Topology.Settings;

/// <summary>
/// One server setting given as <c>K=V</c> to <c>--primary-setting</c> or <c>--replica-setting</c>.
/// The name is lower-cased (PostgreSQL's setting names are case-insensitive) and must look like a
/// setting name (letters, digits, underscores, and dots for an extension's <c>ext.name</c>), so it
/// can be written into <c>ALTER SYSTEM SET</c> without quoting; the value goes in as a string
/// literal, which PostgreSQL accepts for settings of every type and checks itself.
/// </summary>
/// <param name="Name">The setting's name, lower case, e.g. <c>hot_standby_feedback</c>.</param>
/// <param name="Value">The value as given, e.g. <c>off</c> or <c>100ms</c>.</param>
public sealed partial record ServerSetting(string Name, string Value)
{
    /// <summary>Parses <c>K=V</c>; <paramref name="option"/> names the flag in the one-line error.</summary>
    public static ServerSetting Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            throw new BadInputException($"{option} '{text}' is not NAME=VALUE; write e.g. {option} hot_standby_feedback=off.");
        }

        var name = text[..eq].Trim();
        var value = text[(eq + 1)..].Trim();
        if (!SettingName().IsMatch(name))
        {
            throw new BadInputException(
                $"{option} '{text}': '{name}' is not a setting name (letters, digits and underscores, a dot for an extension's setting); write e.g. {option} max_standby_streaming_delay=0.");
        }

        if (value.Length == 0)
        {
            throw new BadInputException($"{option} '{text}' has no value after '='; write e.g. {option} {name.ToLowerInvariant()}=VALUE.");
        }

        if (value.Contains("password", StringComparison.OrdinalIgnoreCase))
        {
            // Settings are recorded in topology.json, results and reports, where no secret may go.
            throw new BadInputException($"{option} {name}: the value holds a password, which would be recorded in results and reports; set that setting another way.");
        }

        return new ServerSetting(name.ToLowerInvariant(), value);
    }

    /// <summary>The statement that writes it into postgresql.auto.conf.</summary>
    public string AlterSystemSql() => $"ALTER SYSTEM SET {Name} = '{Value.Replace("'", "''", StringComparison.Ordinal)}'";

    public override string ToString() => $"{Name}={Value}";

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial Regex SettingName();
}
