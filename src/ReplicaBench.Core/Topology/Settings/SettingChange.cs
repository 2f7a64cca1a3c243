namespace ReplicaBench.Topology.Settings;

/// <summary>What a node needs for a changed setting to take effect, from its <c>pg_settings.context</c>.</summary>
public enum SettingChange
{
    /// <summary><c>sighup</c>, <c>superuser</c>, <c>user</c>, <c>backend</c>, <c>superuser-backend</c>: <c>pg_reload_conf()</c> (backend settings reach new sessions).</summary>
    Reload,

    /// <summary><c>postmaster</c>: a restart of the server.</summary>
    Restart,

    /// <summary><c>internal</c>: fixed when PostgreSQL was built or the cluster made; nothing can change it.</summary>
    Impossible,
}
