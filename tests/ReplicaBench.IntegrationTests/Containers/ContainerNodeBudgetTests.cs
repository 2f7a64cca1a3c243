using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;

namespace ReplicaBench.IntegrationTests.Containers;

/// <summary><c>topology up --provider containers --node-cpus</c>: Docker holds each container to its share, as <c>docker run --cpus</c> would.</summary>
public sealed class ContainerNodeBudgetTests() : OwnContainersTestBase("rb-it-containers-budget-")
{
    [Fact]
    public async Task Each_container_gets_docker_s_cpus_and_memory_for_its_role()
    {
        DockerRequirement.Ensure(Unavailable);
        var up = await CliProcess.RunAsync(
            ["topology", "up", "--provider", "containers", "--image", DockerRequirement.Image, "--replicas", "1",
             "--node-cpus", "primary=0.6,replicas=0.3", "--node-memory", "512MB", "--state-dir", StateDir]);
        Assert.True(up.Code == 0, up.Stderr);
        Assert.Contains("Emulated nodes: cpus primary=0.6,replicas=0.3; memory 512MB; Docker's --cpus/--memory per container.", up.Stdout, StringComparison.Ordinal);
        var topology = new TopologyStateDirectory(StateDir).Read();
        try
        {
            var limits = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var container in topology.Containers!.Containers)
            {
                var (code, stdout, stderr) = await DockerCli.RunAsync(["inspect", "--format", "{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}}", container.Id], Token);
                Assert.True(code == 0, stderr);
                limits[container.Node] = stdout.Trim();
            }

            Assert.Equal("600000000 536870912", limits["primary"]);
            Assert.Equal("300000000 536870912", limits["replica1"]);
            Assert.Equal(0.3, topology.Emulation!.Find("replica1")!.Cpus);
            Assert.Null(topology.Emulation.Find("replica1")!.Cgroup);
        }
        finally
        {
            var down = await CliProcess.RunAsync(["topology", "down", "--state-dir", StateDir]);
            Assert.True(down.Code == 0, down.Stderr);
        }
    }
}
