using System.ComponentModel;
using System.Text.Json;

namespace ReplicaBench.Results;

/// <summary>
/// One shard of a merged run (<c>replicabench merge</c>): where its run folder was, the machine
/// that ran it and its own settings, so a merged figure can be traced back to the shards behind it.
/// </summary>
public sealed record MergedShard
{
    [Description("The shard's run folder as merge was given it (absolute path).")]
    public string Origin { get; init; } = "";

    [Description("The shard's own run id.")]
    public string RunId { get; init; } = "";

    [Description("The shard as its settings name it (load --shard i/N), e.g. 1/2; null for a run made without --shard.")]
    public string? Shard { get; init; }

    [Description("When the shard's run started, UTC, ISO 8601.")]
    public string? StartedAt { get; init; }

    [Description("The machine that ran the shard's load.")]
    public MachineInfo? Host { get; init; }

    [Description("The shard's effective load settings in CLI spelling, as its own results.json holds them.")]
    public IReadOnlyDictionary<string, JsonElement> Settings { get; init => field = value ?? new Dictionary<string, JsonElement>(); } = new Dictionary<string, JsonElement>();
}
