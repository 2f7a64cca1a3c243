using ReplicaBench.Reporting.Charts.Nodes;
using ReplicaBench.Results;
using ScottPlot.Plottables;

namespace ReplicaBench.Reporting.Tests.Charts;

/// <summary>
/// Per-node panels from known node figures: a 10 s cell where the primary completed 1,000 reads and
/// 500 writes with 100 errors (140 ops/s) and replica1 2,000 reads (200 ops/s), p99 2 ms and 3 ms,
/// CPU quota shares 0.5 and 0.25.
/// </summary>
public sealed class NodePanelsTests
{
    private static readonly CellResults Cell = new()
    {
        Id = "r1-round-robin",
        Replicas = 1,
        Policy = "round-robin",
        DurationSeconds = 10,
        Nodes =
        [
            new NodeResults { Name = "primary", Role = "primary", Reads = 1000, Writes = 500, Errors = 100, LatencyMs = new LatencyPercentiles { P99 = 2 }, QuotaUsed = 0.5 },
            new NodeResults { Name = "replica1", Role = "replica", Reads = 2000, LatencyMs = new LatencyPercentiles { P99 = 3 }, QuotaUsed = 0.25 },
            new NodeResults { Name = "(none)", Role = "unknown", Errors = 7 },
        ],
    };

    [Theory]
    [InlineData("node-throughput", 140, 200)]
    [InlineData("node-p99", 2, 3)]
    [InlineData("node-cpu", 50, 25)]
    public void Each_panel_has_one_bar_per_node_with_its_known_value(string name, double primary, double replica)
    {
        var metric = new[] { NodeMetric.Throughput, NodeMetric.P99, NodeMetric.Cpu }.Single(m => m.Name == name);

        using var plot = NodePanels.Draw([Cell], metric, "t");

        var bars = Assert.Single(plot!.GetPlottables().OfType<BarPlot>()).Bars.OrderBy(b => b.Position).ToArray();
        Assert.Equal(2, bars.Length);
        Assert.Equal(primary, bars[0].Value, 9);
        Assert.Equal(replica, bars[1].Value, 9);
    }

    [Fact]
    public void Without_CPU_figures_the_CPU_panel_is_left_out_with_a_sentence()
    {
        var unmeasured = Cell with { Nodes = [.. Cell.Nodes.Select(n => n with { QuotaUsed = null })] };

        Assert.Null(NodePanels.Draw([unmeasured], NodeMetric.Cpu, "t"));
        Assert.Equal(["node-throughput", "node-p99"], NodePanels.Create([unmeasured]).Select(c => c.Name));
        Assert.StartsWith("No CPU-per-node chart", Assert.Single(NodePanels.Omitted([unmeasured])), StringComparison.Ordinal);
        Assert.Empty(NodePanels.Omitted([Cell]));
    }
}
