using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>The PostgreSQL settings the topology's servers were given per role, from the topology itself.</summary>
[Description("PostgreSQL settings applied per role by topology up --primary-setting/--replica-setting (ALTER SYSTEM); absent when none were given.")]
public sealed record ServerSettingsInfo
{
    [Description("The primary's settings, name to value as given, e.g. {\"max_connections\": \"300\"}; null for none.")]
    public IReadOnlyDictionary<string, string>? Primary { get; init; }

    [Description("Every replica's settings, name to value as given, e.g. {\"hot_standby_feedback\": \"off\"}; null for none.")]
    public IReadOnlyDictionary<string, string>? Replicas { get; init; }
}
