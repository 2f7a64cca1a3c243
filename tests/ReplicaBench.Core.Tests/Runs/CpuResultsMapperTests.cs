using ReplicaBench.Engine.RunResults;
using ReplicaBench.Measurement;
using ReplicaBench.Results;
using ReplicaBench.Runs;

namespace ReplicaBench.Tests.Runs;

/// <summary>The CPU figures and warnings of a cell, from CPU times whose answers are set here.</summary>
public sealed class CpuResultsMapperTests
{
    [Fact]
    public void A_node_gets_its_cores_used_quota_share_and_cpu_per_operation_it_served()
    {
        // 0.6 s of CPU in a 2 s window on a 0.3 quota: 0.3 cores, all of the quota; 3,000 operations: 200 µs each.
        var cpu = new CellCpu([new NodeCpuFigures("replica1", 0.3, TimeSpan.FromSeconds(0.6), TimeSpan.FromSeconds(2))], 0.9);

        var node = CpuResultsMapper.WithCpu(new NodeResults { Name = "replica1", Role = "replica", Reads = 2_500, Writes = 500 }, cpu);

        Assert.Equal((0.3, 0.3, 1.0, 200.0), (node.CpuQuotaCores, node.CpuCoresUsed, node.QuotaUsed, node.CpuMicrosPerOperation));
    }

    [Fact]
    public void A_node_without_cpu_accounting_keeps_null_cpu_figures()
    {
        var node = CpuResultsMapper.WithCpu(new NodeResults { Name = "primary", Reads = 10 }, CellCpu.None);

        Assert.Equal((null, null, null, null), (node.CpuQuotaCores, node.CpuCoresUsed, node.QuotaUsed, node.CpuMicrosPerOperation));
    }

    [Theory]
    // 2 cores, nodes on this machine hold 0.9: 1.1 left; 1.0 used is 91% of that: saturated.
    [InlineData(1.0, 0.9, 1.1, true)]
    // 0.9 used of 1.1 left: 82%, not saturated.
    [InlineData(0.9, 0.9, 1.1, false)]
    // No quotas here: judged against the 2 cores; 1.85 of 2 is 92.5%.
    [InlineData(1.85, null, null, true)]
    public void The_generator_is_saturated_from_90_percent_of_the_cores_it_had(double coresUsed, double? quotas, double? coresLeft, bool saturated)
    {
        var cpu = new GeneratorCpu(TimeSpan.FromSeconds(coresUsed * 2), TimeSpan.FromSeconds(2), 2);

        var generator = CpuResultsMapper.Generator(cpu, completed: 10_000, new CellCpu([], quotas))!;

        Assert.Equal((coresUsed, coresLeft, saturated), (generator.CoresUsed, generator.CoresLeft, generator.Saturated));
        Assert.Equal(coresUsed * 2 * 1e6 / 10_000, generator.CpuMicrosPerOperation!.Value, 1e-9);
        Assert.Equal(saturated, CpuResultsMapper.Warnings(generator, []).Any(w => w.StartsWith("the load generator was saturated", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_cell_whose_serving_nodes_all_stayed_under_their_quota_says_it_measured_the_load_not_the_nodes()
    {
        NodeResults[] under = [Node("primary", 0, 0.2), Node("replica1", 100, 0.61), Node("replica2", 100, 0.5)];
        NodeResults[] oneAtQuota = [Node("primary", 0, 0.2), Node("replica1", 100, 0.95), Node("replica2", 100, 0.5)];

        var warning = Assert.Single(CpuResultsMapper.Warnings(null, under));

        Assert.StartsWith("no node reached its CPU quota (the busiest, replica1, used 61% of it)", warning, StringComparison.Ordinal);
        Assert.Empty(CpuResultsMapper.Warnings(null, oneAtQuota));
        Assert.Empty(CpuResultsMapper.Warnings(null, [new NodeResults { Name = "primary", Reads = 100 }]));
    }

    private static NodeResults Node(string name, long reads, double quotaUsed) =>
        new() { Name = name, Reads = reads, QuotaUsed = quotaUsed, CpuQuotaCores = 0.3 };
}
