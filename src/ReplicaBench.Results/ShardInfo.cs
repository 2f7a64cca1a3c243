using System.ComponentModel;
using System.Text.Json.Serialization;

namespace ReplicaBench.Results;

/// <summary>One shard of a sharded run (<c>load --shard i/N --start-at T</c>): which, when, and what it did besides load.</summary>
[Description("This run is shard index of count of a sharded matrix (load --shard i/N --start-at T); absent when the run was not sharded.")]
public sealed record ShardInfo
{
    [Description("This shard's number, 1 to count.")]
    public int Index { get; init; }

    [Description("The number of shards the matrix was split into.")]
    public int Count { get; init; }

    [Description("The --start-at instant every shard planned its cells from (ISO 8601 UTC).")]
    public string StartAt { get; init; } = "";

    [Description("True when this shard seeded the bench table (shard 1 only); the others waited for the seed and wrote nothing before the load.")]
    public bool Seeded { get; init; }

    [Description("True when this shard ran the visibility probe and the server lag sampler (shard 1 only); the others' cells have no visibility or server lag figures.")]
    public bool Probed { get; init; }

    [Description("Each cell's planned start (the same on every shard) and the instant its load actually started on this shard.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ShardCellStart>? CellStarts { get; init; }
}
