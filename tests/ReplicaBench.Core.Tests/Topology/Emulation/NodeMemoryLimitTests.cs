using ReplicaBench.Engine;
using ReplicaBench.Topology.Emulation;

namespace ReplicaBench.Tests.Topology.Emulation;

public sealed class NodeMemoryLimitTests
{
    [Theory]
    [InlineData("1GB", 1_073_741_824L)]
    [InlineData("1g", 1_073_741_824L)]
    [InlineData("1GiB", 1_073_741_824L)]
    [InlineData("512MB", 536_870_912L)]
    [InlineData("512m", 536_870_912L)]
    [InlineData("1.5GB", 1_610_612_736L)]
    [InlineData("268435456", 268_435_456L)]
    public void Sizes_are_binary_like_docker_s(string text, long bytes) =>
        Assert.Equal(bytes, NodeMemoryLimit.Parse(text).EveryNode);

    [Fact]
    public void Roles_get_their_own_limits_and_print_back_the_same()
    {
        var limit = NodeMemoryLimit.Parse("primary=2GiB,replicas=768m");

        Assert.Equal(2_147_483_648L, limit.For(NodeRole.Primary));
        Assert.Equal(805_306_368L, limit.For(NodeRole.Replica));
        Assert.Equal("primary=2GB,replicas=768MB", limit.ToString());
    }

    [Theory]
    [InlineData("lots", "--node-memory: 'lots' is not a size; write e.g. --node-memory 1GB (every node) or --node-memory primary=2GB,replicas=512MB.")]
    [InlineData("128MB", "--node-memory: '128MB' is below 256MB, too little for a server with 128MB of shared_buffers; give 256MB or more, e.g. --node-memory 1GB.")]
    [InlineData("disk=1GB", "--node-memory: 'disk=1GB' names 'disk', which is not a role; name primary or replicas, e.g. --node-memory primary=2GB,replicas=1GB.")]
    public void A_bad_size_is_refused_with_one_line_that_names_it(string text, string expected)
    {
        var ex = Assert.Throws<BadInputException>(() => NodeMemoryLimit.Parse(text));

        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void A_budget_names_the_options_that_asked_for_it_and_the_nodes_it_covers()
    {
        var both = NodeBudget.Parse("primary=0.5", "1GB", cores: 2);

        Assert.Equal("--node-cpus and --node-memory", both.Options);
        Assert.Equal("--node-memory", NodeBudget.Parse(null, "1GB").Options);
        Assert.Equal(
            [new EmulatedNode("primary", 0.5, 1_073_741_824L), new EmulatedNode("replica1", null, 1_073_741_824L)],
            both.Nodes(["replica1"]));
        Assert.Equal([new EmulatedNode("primary", 0.5, null)], NodeBudget.Parse("primary=0.5", null, cores: 2).Nodes(["replica1"]));
        Assert.Same(NodeBudget.None, NodeBudget.Parse(" ", null));
    }
}
