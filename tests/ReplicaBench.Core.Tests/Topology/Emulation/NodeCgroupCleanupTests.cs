using ReplicaBench.Topology.Emulation;

namespace ReplicaBench.Tests.Topology.Emulation;

public sealed class NodeCgroupCleanupTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Removal_takes_the_group_out_of_every_hierarchy()
    {
        using var fs = FakeCgroupFs.V1();
        var cgroups = CgroupFileSystem.Detect(NodeBudget.Parse("0.3", "1GB", cores: 2), fs.Root, fs.SelfCgroupFile, privileged: true);
        var group = cgroups.Create("replicabench-1a2b3c4d-primary", 0.3, 1L << 30);
        Assert.Equal(3, group.Directories.Count);

        await NodeCgroupCleanup.RemoveAsync([group], Token, fs.RemoveGroup);

        Assert.All(group.Directories, d => Assert.False(Directory.Exists(d), d + " is left behind"));
        Assert.True(Directory.Exists(fs.Path("memory", "session", "42")), "this process's own group stays");
    }

    [Fact]
    public async Task Removal_waits_while_the_last_processes_leave_the_group()
    {
        using var fs = FakeCgroupFs.V1();
        var group = CgroupFileSystem.Detect(NodeBudget.Parse("0.3", null, cores: 2), fs.Root, fs.SelfCgroupFile, privileged: true)
            .Create("replicabench-1a2b3c4d-replica1", 0.3, null);
        var procs = Path.Combine(group.CpuDirectory!, "cgroup.procs");
        File.WriteAllText(procs, "999999999\n");
        Assert.Equal([999999999], NodeCgroupCleanup.Processes(group.CpuDirectory!));
        Assert.Throws<IOException>(() => fs.RemoveGroup(group.CpuDirectory!));

        var removal = NodeCgroupCleanup.RemoveAsync([group], Token, fs.RemoveGroup);
        await Task.Delay(200, Token);
        Assert.False(removal.IsCompleted, "the group cannot go while a process is in it");
        File.WriteAllText(procs, "");
        await removal;

        Assert.False(Directory.Exists(group.CpuDirectory));
        Assert.False(Directory.Exists(group.AccountingDirectory));
    }

    [Fact]
    public async Task Removing_groups_that_are_already_gone_does_nothing()
    {
        using var fs = FakeCgroupFs.V1();
        var gone = new NodeCgroup(CgroupVersion.V1, fs.Path("cpu", "replicabench-gone-primary"), fs.Path("cpuacct", "replicabench-gone-primary"), null);

        await NodeCgroupCleanup.RemoveAsync([gone], Token, fs.RemoveGroup);

        Assert.Empty(NodeCgroupCleanup.Processes(gone.CpuDirectory!));
    }
}
