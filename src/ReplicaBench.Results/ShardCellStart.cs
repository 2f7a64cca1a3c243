using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>When one cell of a sharded run was planned to start, and when its load started on this shard.</summary>
[Description("A cell's planned and actual start on this shard.")]
public sealed record ShardCellStart
{
    [Description("The cell's id.")]
    public string Cell { get; init; } = "";

    [Description("The instant every shard planned the cell's load (warm-up included) to start, ISO 8601 UTC with milliseconds.")]
    public string PlannedAt { get; init; } = "";

    [Description("The instant the cell's load started on this shard, ISO 8601 UTC with milliseconds; later than plannedAt when the shard reached the cell late.")]
    public string StartedAt { get; init; } = "";
}
