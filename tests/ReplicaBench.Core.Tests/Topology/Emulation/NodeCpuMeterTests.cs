using ReplicaBench.Engine;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Emulation;

namespace ReplicaBench.Tests.Topology.Emulation;

public sealed class NodeCpuMeterTests
{
    [Fact]
    public void A_v1_meter_reads_cpuacct_nanoseconds_as_microseconds_and_knows_its_quota()
    {
        using var fs = FakeCgroupFs.V1();
        var group = CgroupFileSystem.Detect(NodeBudget.Parse("0.3", null, cores: 2), fs.Root, fs.SelfCgroupFile, privileged: true)
            .Create("replicabench-1a2b3c4d-primary", 0.3, null);
        File.WriteAllText(Path.Combine(group.AccountingDirectory!, "cpuacct.usage"), "2500000123\n");

        var meter = NodeCpuMeter.For(Topology(new EmulatedNode("primary", 0.3, null, group)), "primary")!;

        Assert.Equal(2_500_000L, meter.ReadUsageMicroseconds());
        Assert.Equal(0.3, meter.QuotaCores);
    }

    [Fact]
    public void A_v2_meter_reads_usage_usec_from_cpu_stat()
    {
        using var fs = FakeCgroupFs.V2();
        var group = CgroupFileSystem.Detect(NodeBudget.Parse("0.5", null, cores: 2), fs.Root, fs.SelfCgroupFile, privileged: true)
            .Create("replicabench-1a2b3c4d-replica1", 0.5, null);
        File.WriteAllText(Path.Combine(group.AccountingDirectory!, "cpu.stat"), "usage_usec 1234567\nuser_usec 1000000\nsystem_usec 234567\n");

        var meter = NodeCpuMeter.For(Topology(new EmulatedNode("replica1", 0.5, null, group)), "replica1")!;

        Assert.Equal(1_234_567L, meter.ReadUsageMicroseconds());
        Assert.Equal(0.5, meter.QuotaCores);
    }

    [Fact]
    public void Nodes_without_a_cgroup_have_no_meter_and_a_removed_group_says_so()
    {
        var containers = Topology(new EmulatedNode("primary", 0.3, null));
        Assert.Empty(NodeCpuMeter.For(containers));
        Assert.Null(NodeCpuMeter.For(Topology(), "primary"));

        var gone = new NodeCgroup(CgroupVersion.V1, "/nonexistent/cpu/g", "/nonexistent/cpuacct/g", null);
        var meter = NodeCpuMeter.For(Topology(new EmulatedNode("primary", 0.3, null, gone)), "primary")!;
        var ex = Assert.Throws<TopologyException>(() => meter.ReadUsageMicroseconds());
        Assert.Contains("cannot read the CPU usage of primary from /nonexistent/cpuacct/g", ex.Message, StringComparison.Ordinal);
    }

    private static TopologyDescriptor Topology(params EmulatedNode[] nodes) => new()
    {
        Provider = "local",
        CreatedAt = DateTimeOffset.UnixEpoch,
        Nodes = [new TopologyNode("primary", NodeRole.Primary, "127.0.0.1", 5432, "Host=127.0.0.1")],
        Emulation = nodes.Length == 0 ? null : new NodeEmulation("0.3", null, nodes),
    };
}
