using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Topology;

public sealed class TopologyRequestTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(9)]
    public void Rejects_replica_counts_outside_0_to_8(int replicas)
    {
        var ex = Assert.Throws<BadInputException>(() => new TopologyRequest(replicas));
        Assert.Contains("0 to 8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_replicas_replica1_to_replicaN()
    {
        Assert.Equal(["replica1", "replica2", "replica3"], new TopologyRequest(3).ReplicaNames);
        Assert.Empty(new TopologyRequest(0).ReplicaNames);
    }
}
