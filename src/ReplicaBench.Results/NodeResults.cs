using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>What one node served in a cell's measured window.</summary>
public sealed record NodeResults
{
    [Description("Node name: primary, replica1, ...; (none) for outcomes that named no node.")]
    public string Name { get; init; } = "";

    [Description("primary, replica or unknown.")]
    public string Role { get; init; } = "unknown";

    [Description("Read operations it completed (succeeded or failed) in the measured window.")]
    public long Reads { get; init; }

    [Description("Write operations it completed (succeeded or failed) in the measured window.")]
    public long Writes { get; init; }

    [Description("Failed operations on it.")]
    public long Errors { get; init; }

    [Description("Latency of its successful operations.")]
    public LatencyPercentiles LatencyMs { get; init => field = value ?? new(); } = new();
}
