using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Charts.Nodes;

/// <summary>One per-node panel: what it plots of a node in a cell (null: not known for that node).</summary>
internal sealed record NodeMetric(string Name, string Title, string YLabel, string Caption, Func<CellResults, NodeResults, double?> Value)
{
    /// <summary>Operations per second the node completed successfully over the measured window.</summary>
    public static NodeMetric Throughput { get; } = new(
        "node-throughput",
        "Throughput per node",
        "Successful operations per second (ops/s)",
        "Per cell, the operations each node completed without error over the measured window, per second: where the load went.",
        (cell, node) => cell.DurationSeconds > 0 ? (node.Reads + node.Writes - node.Errors) / cell.DurationSeconds : null);

    public static NodeMetric P99 { get; } = new(
        "node-p99",
        "p99 latency per node",
        "p99 latency of its operations (ms)",
        "Per cell, the p99 latency of the successful operations each node served: a slow replica shows here before it shows in the cell's p99.",
        (_, node) => node.Reads + node.Writes - node.Errors > 0 ? node.LatencyMs.P99 : null);

    public static NodeMetric Cpu { get; } = new(
        "node-cpu",
        "CPU per node (share of its quota)",
        "Share of the node's CPU quota used (%)",
        "Per cell, each emulated node's cgroup CPU time over the measured window as a share of its --node-cpus quota (100% = saturated).",
        (_, node) => node.QuotaUsed * 100);
}
