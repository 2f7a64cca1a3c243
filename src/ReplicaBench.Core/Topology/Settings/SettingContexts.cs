namespace ReplicaBench.Topology.Settings;

/// <summary>Maps <c>pg_settings.context</c> to what a change needs (PostgreSQL 15's contexts).</summary>
public static class SettingContexts
{
    public static SettingChange ChangeFor(string context) => context switch
    {
        "postmaster" => SettingChange.Restart,
        "internal" => SettingChange.Impossible,
        "sighup" or "superuser" or "user" or "backend" or "superuser-backend" => SettingChange.Reload,
        _ => throw new ArgumentOutOfRangeException(nameof(context), context, "not a pg_settings.context of PostgreSQL 15"),
    };
}
