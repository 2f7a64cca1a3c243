using ReplicaBench.Engine;

namespace ReplicaBench.Topology.Settings;

/// <summary>
/// The server settings <c>topology up</c> applies after the servers start: <c>--primary-setting</c>
/// for the primary, <c>--replica-setting</c> for every replica, and whether a setting that needs a
/// restart is allowed one (<c>--no-restart</c> refuses it). Validated on construction: malformed
/// entries and a name given twice for one role are bad input; whether PostgreSQL knows a name or
/// accepts a value only a server can say (<see cref="ServerSettingsApplier"/>).
/// </summary>
public sealed class ServerSettingsPlan
{
    public const string PrimaryOption = "--primary-setting";
    public const string ReplicaOption = "--replica-setting";
    public const string NoRestartOption = "--no-restart";

    private ServerSettingsPlan(IReadOnlyList<ServerSetting> primary, IReadOnlyList<ServerSetting> replicas, bool noRestart)
    {
        Primary = primary;
        Replicas = replicas;
        NoRestart = noRestart;
    }

    public static ServerSettingsPlan None { get; } = new([], [], noRestart: false);

    public IReadOnlyList<ServerSetting> Primary { get; }

    public IReadOnlyList<ServerSetting> Replicas { get; }

    /// <summary><c>--no-restart</c>: a setting whose <c>pg_settings.context</c> is <c>postmaster</c> is refused rather than restarting a node.</summary>
    public bool NoRestart { get; }

    public bool IsEmpty => Primary.Count == 0 && Replicas.Count == 0;

    public static ServerSettingsPlan Parse(IEnumerable<string>? primary, IEnumerable<string>? replicas, bool noRestart = false)
    {
        var forPrimary = ParseRole(primary, PrimaryOption);
        var forReplicas = ParseRole(replicas, ReplicaOption);
        return forPrimary.Count == 0 && forReplicas.Count == 0 && !noRestart ? None : new ServerSettingsPlan(forPrimary, forReplicas, noRestart);
    }

    /// <summary>The settings a node in <paramref name="role"/> gets.</summary>
    public IReadOnlyList<ServerSetting> For(NodeRole role) => role == NodeRole.Primary ? Primary : Replicas;

    /// <summary>The option that gives settings to <paramref name="role"/>, for messages.</summary>
    public static string OptionFor(NodeRole role) => role == NodeRole.Primary ? PrimaryOption : ReplicaOption;

    /// <summary>What topology.json and results record: each role's settings by name; null when none were given.</summary>
    public AppliedServerSettings? ToRecord() => Primary.Count == 0 && Replicas.Count == 0
        ? null
        : new AppliedServerSettings(
            Primary.Count == 0 ? null : Primary.ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal),
            Replicas.Count == 0 ? null : Replicas.ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal));

    private static List<ServerSetting> ParseRole(IEnumerable<string>? values, string option)
    {
        var settings = new List<ServerSetting>();
        foreach (var text in values ?? [])
        {
            var setting = ServerSetting.Parse(text, option);
            if (settings.FirstOrDefault(s => s.Name == setting.Name) is { } earlier)
            {
                throw new BadInputException($"{option} gives {setting.Name} twice ({earlier.Value} and {setting.Value}); keep one.");
            }

            settings.Add(setting);
        }

        return settings;
    }
}
