using ReplicaBench.Engine;
using ReplicaBench.Topology.Emulation;

namespace ReplicaBench.Tests.Topology.Emulation;

public sealed class NodeCpuBudgetTests
{
    [Fact]
    public void A_single_number_is_the_quota_of_every_node()
    {
        var budget = NodeCpuBudget.Parse("0.3", cores: 2);

        Assert.Equal(0.3, budget.For(NodeRole.Primary));
        Assert.Equal(0.3, budget.For(NodeRole.Replica));
        Assert.Equal("0.3", budget.ToString());
    }

    [Fact]
    public void Roles_get_their_own_quotas()
    {
        var budget = NodeCpuBudget.Parse(" primary = 0.6 , replicas=0.2 ", cores: 2);

        Assert.Equal(0.6, budget.For(NodeRole.Primary));
        Assert.Equal(0.2, budget.For(NodeRole.Replica));
        Assert.Equal("primary=0.6,replicas=0.2", budget.ToString());
    }

    [Fact]
    public void A_plain_number_covers_the_role_not_named()
    {
        var budget = NodeCpuBudget.Parse("primary=1.5,0.25", cores: 2);

        Assert.Equal(1.5, budget.For(NodeRole.Primary));
        Assert.Equal(0.25, budget.For(NodeRole.Replica));
        Assert.Equal("0.25,primary=1.5", budget.ToString());
    }

    [Fact]
    public void A_role_left_out_without_a_plain_number_has_no_quota()
    {
        var budget = NodeCpuBudget.Parse("primary=0.5", cores: 2);

        Assert.Equal(0.5, budget.For(NodeRole.Primary));
        Assert.Null(budget.For(NodeRole.Replica));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_value_is_no_budget(string? text) => Assert.True(NodeCpuBudget.Parse(text, cores: 2).IsEmpty);

    [Theory]
    [InlineData("2", 2.0)]
    [InlineData("0.01", 0.01)]
    [InlineData("1e-1", 0.1)]
    public void The_range_is_one_hundredth_of_a_cpu_to_the_machine_s_cores(string text, double expected) =>
        Assert.Equal(expected, NodeCpuBudget.Parse(text, cores: 2).EveryNode);

    [Theory]
    [InlineData("abc", "--node-cpus: 'abc' is not a number of CPUs; write e.g. --node-cpus 0.3 (every node) or --node-cpus primary=0.6,replicas=0.2.")]
    [InlineData("NaN", "--node-cpus: 'NaN' is not a number of CPUs")]
    [InlineData("0,5", "--node-cpus '0,5' gives a value for every node twice; give each once.")]
    [InlineData("0", "--node-cpus: '0' is not a positive number of CPUs; give 0.01 to 2 (this machine's cores), e.g. --node-cpus 0.3.")]
    [InlineData("-0.5", "--node-cpus: '-0.5' is not a positive number of CPUs")]
    [InlineData("0.001", "--node-cpus: '0.001' is below 0.01 CPU, the smallest quota the kernel takes (1ms per 100ms)")]
    [InlineData("3", "--node-cpus: '3' is more than this machine's 2 cores, so the quota could never bite; give 0.01 to 2 (this machine's cores), e.g. --node-cpus 0.3.")]
    [InlineData("primary=0.6,replicas=2.5", "--node-cpus: '2.5' is more than this machine's 2 cores")]
    [InlineData("replica1=0.2", "--node-cpus: 'replica1=0.2' names 'replica1', which is not a role; name primary or replicas, e.g. --node-cpus primary=0.6,replicas=0.2.")]
    [InlineData("primary=0.2,primary=0.3", "--node-cpus 'primary=0.2,primary=0.3' gives primary twice; give each once.")]
    [InlineData("primary=", "--node-cpus: '' is not a number of CPUs")]
    [InlineData(",", "--node-cpus is empty; give one value for every node, e.g. --node-cpus 0.3.")]
    public void A_bad_value_is_refused_with_one_line_that_names_it(string text, string expected)
    {
        var ex = Assert.Throws<BadInputException>(() => NodeCpuBudget.Parse(text, cores: 2));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
