using Docker.DotNet.Models;
using ReplicaBench.Engine;
using ReplicaBench.Topology.Containers;

namespace ReplicaBench.Tests.Topology.Containers;

public sealed class ContainerResourcesTests
{
    [Theory]
    [InlineData(0.3, 300_000_000L)]
    [InlineData(0.01, 10_000_000L)]
    [InlineData(1.5, 1_500_000_000L)]
    public void Docker_counts_cpus_in_billionths(double cpus, long nanoCpus) =>
        Assert.Equal(nanoCpus, ContainerResources.NanoCpus(cpus));

    [Fact]
    public void A_node_with_a_budget_gets_docker_s_cpus_and_memory_without_extra_swap()
    {
        var parameters = new CreateContainerParameters();
        var spec = new ContainerNodeSpec("replica1", NodeRole.Replica, 5433, "#!/bin/sh", "", Cpus: 0.3, MemoryBytes: 1L << 30);

        ContainerNodeBuilder.Configure(parameters, ContainerNetworkMode.Host, spec);

        Assert.Equal(300_000_000L, parameters.HostConfig!.NanoCPUs);
        Assert.Equal(1_073_741_824L, parameters.HostConfig.Memory);
        Assert.Equal(1_073_741_824L, parameters.HostConfig.MemorySwap);
    }

    [Fact]
    public void A_node_without_a_budget_gets_no_limit()
    {
        var parameters = new CreateContainerParameters();

        ContainerNodeBuilder.Configure(parameters, ContainerNetworkMode.Host, new ContainerNodeSpec("primary", NodeRole.Primary, 5432, "#!/bin/sh", ""));

        Assert.Equal(0L, parameters.HostConfig!.NanoCPUs);
        Assert.Equal(0L, parameters.HostConfig.Memory);
    }
}
