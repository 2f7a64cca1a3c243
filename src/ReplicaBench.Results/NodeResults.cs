using System.ComponentModel;
using System.Text.Json.Serialization;

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

    /// <summary>Its failed operations by kind; null (left out) when none failed.</summary>
    [Description("Its failed operations by kind (timeout, connection-lost, ...); left out when none failed.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, long>? ErrorsByKind { get; init; }

    [Description("Latency of its successful operations.")]
    public LatencyPercentiles LatencyMs { get; init => field = value ?? new(); } = new();

    [Description("Emulated nodes: its CPU quota in cores (--node-cpus); null when it has none.")]
    public double? CpuQuotaCores { get; init; }

    [Description("Emulated nodes: cores it kept busy over the measured window (its cgroup's CPU time over wall time); null when not measured.")]
    public double? CpuCoresUsed { get; init; }

    [Description("Emulated nodes: cpuCoresUsed / cpuQuotaCores, the share of its quota it used (1 = saturated); null when not measured.")]
    public double? QuotaUsed { get; init; }

    [Description("Emulated nodes: its CPU microseconds per operation it served (replay and background work included); null when not measured or it served none.")]
    public double? CpuMicrosPerOperation { get; init; }
}
