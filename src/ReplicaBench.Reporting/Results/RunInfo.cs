using System.Text.Json;

namespace ReplicaBench.Reporting.Results;

/// <summary>Who, where and how a run was made: enough to reproduce it and to judge its numbers.</summary>
public sealed record RunInfo
{
    public string Id { get; init; } = "";

    public string? StartedAt { get; init; }

    public string? FinishedAt { get; init; }

    /// <summary>False when the run was interrupted; its cells hold only what ran.</summary>
    public bool Complete { get; init; } = true;

    public SuiteInfo? Suite { get; init; }

    public MachineInfo? Machine { get; init; }

    public PostgresInfo? Postgres { get; init; }

    public string? Provider { get; init; }

    /// <summary>True when every node ran on the load machine: replicas shared its CPUs, so scaling is not that of separate hosts.</summary>
    public bool SameHost { get; init; }

    /// <summary>The run's settings in CLI spelling, kept as raw JSON so new settings show without a reader change.</summary>
    public IReadOnlyDictionary<string, JsonElement> Settings { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The scenario name from the settings, the key compare refuses to mix.</summary>
    public string? Scenario =>
        Settings.TryGetValue("scenario", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The operation mix from the settings (e.g. <c>custom (point-read=90, ...)</c>); null in runs that predate it.</summary>
    public string? Mix =>
        Settings.TryGetValue("mix", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
