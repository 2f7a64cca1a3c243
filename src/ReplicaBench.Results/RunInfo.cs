using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplicaBench.Results;

/// <summary>Who, where and how a run was made: enough to reproduce it and to judge its numbers. Never holds a secret.</summary>
public sealed record RunInfo
{
    [Description("Run id, e.g. 20261127-130501.")]
    public string Id { get; init; } = "";

    [Description("When the run started, UTC, ISO 8601 (yyyy-MM-ddTHH:mm:ssZ).")]
    public string? StartedAt { get; init; }

    [Description("When the run finished, UTC; null while it runs or when it was interrupted.")]
    public string? FinishedAt { get; init; }

    [Description("False while running and when interrupted: the cells hold only what ran.")]
    public bool Complete { get; init; } = true;

    [Description("The ReplicaBench build that made the run.")]
    public SuiteInfo? Suite { get; init; }

    [Description("The machine that ran the load.")]
    public MachineInfo? Machine { get; init; }

    [Description("The PostgreSQL server the run measured.")]
    public PostgresInfo? Postgres { get; init; }

    [Description("Topology provider: local, containers or external.")]
    public string? Provider { get; init; }

    [Description("True when every node ran on the load machine: replicas shared its CPUs, so scaling is not that of separate hosts.")]
    public bool SameHost { get; init; }

    [Description("False when the topology allowed no writes (an external one without --allow-writes): nothing was seeded or probed, no write ran, and staleness is the servers' replay lag only. Absent in runs made before it (they were writable).")]
    public bool? WritesAllowed { get; init; }

    [Description("Emulated nodes: the budgets the servers ran under (topology up --node-cpus/--node-memory); null when they were not emulated.")]
    public EmulationInfo? Emulation { get; init; }

    // Left out when null, so runs on topologies without settings read and write back as before the field existed.
    [Description("PostgreSQL settings the topology's servers were given per role (topology up --primary-setting/--replica-setting); absent when none.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ServerSettingsInfo? ServerSettings { get; init; }

    // Left out when null, so runs without a pooler read and write back as they were before the field existed.
    [Description("The connection pooler the load went through (topology up --pooler, or the external config's pooler); absent when it connected to the servers directly.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PoolerInfo? Pooler { get; init; }

    // Left out when null, so unsharded runs read and write back as they were before the field existed.
    [Description("This run's shard of a sharded matrix (load --shard i/N --start-at T); absent when the run was not sharded.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ShardInfo? Shard { get; init; }

    /// <summary>The run's settings in CLI spelling, kept as raw JSON so a new setting needs no contract change.</summary>
    [Description("The effective load settings in CLI spelling (scenario, mix, replicas, policies, vus or rate, duration, warmup, thresholds, ...).")]
    public IReadOnlyDictionary<string, JsonElement> Settings { get; init => field = value ?? new Dictionary<string, JsonElement>(); } = new Dictionary<string, JsonElement>();

    /// <summary>The scenario name from the settings, the key compare refuses to mix.</summary>
    public string? Scenario => SettingText("scenario");

    /// <summary>The operation mix from the settings (e.g. <c>custom (point-read=90, ...)</c>); null in runs that predate it.</summary>
    public string? Mix => SettingText("mix");

    private string? SettingText(string key) =>
        Settings.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
