using ReplicaBench.Topology.Emulation;

namespace ReplicaBench.Tests.Topology.Emulation;

/// <summary>--node-cpus auto: the machine's cores less one for the generator, shared by the largest topology's nodes, rounded down to 0.05.</summary>
public sealed class AutoNodeCpusTests
{
    [Theory]
    [InlineData(3, 2, 0.3)] // (2 − 1) / 3 = 0.333: the default matrix on this project's 2-core machine
    [InlineData(2, 2, 0.5)]
    [InlineData(1, 2, 1.0)]
    [InlineData(9, 2, 0.1)] // 0.111
    [InlineData(5, 4, 0.6)]
    [InlineData(3, 8, 1.0)] // at most one CPU per node
    public void The_share_leaves_the_generator_one_core_and_rounds_down_to_a_twentieth(int nodes, int cores, double expected) =>
        Assert.Equal(expected, AutoNodeCpus.For(nodes, cores));

    [Fact]
    public void No_room_for_a_twentieth_of_a_cpu_per_node_gives_none() =>
        Assert.Null(AutoNodeCpus.For(21, 2));

    [Fact]
    public void Resolve_keeps_a_given_size_and_refuses_auto_without_room_in_one_line()
    {
        Assert.Equal("primary=0.6,replicas=0.2", AutoNodeCpus.Resolve("primary=0.6,replicas=0.2", 3));
        Assert.Null(AutoNodeCpus.Resolve(null, 3));
        Assert.Equal(AutoNodeCpus.Text(2, Environment.ProcessorCount), AutoNodeCpus.Resolve("AUTO", 2));

        var error = Assert.Throws<BadInputException>(() => AutoNodeCpus.Resolve("auto", 1_000));
        Assert.StartsWith("--node-cpus auto: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("give a size, e.g. --node-cpus 0.2, or fewer --replicas.", error.Message, StringComparison.Ordinal);
    }
}
