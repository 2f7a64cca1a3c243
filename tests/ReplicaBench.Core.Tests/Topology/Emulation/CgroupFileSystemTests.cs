using ReplicaBench.Topology.Emulation;

namespace ReplicaBench.Tests.Topology.Emulation;

/// <summary>Detection and group creation against a fake cgroupfs: the exact files and values a real one would get.</summary>
public sealed class CgroupFileSystemTests
{
    private static readonly NodeBudget Cpus = NodeBudget.Parse("0.3", null, cores: 2);

    [Fact]
    public void Cgroup_v1_is_used_when_the_unified_hierarchy_lists_no_cpu_controller()
    {
        using var fs = FakeCgroupFs.V1();

        Assert.Equal(CgroupVersion.V1, Detect(fs, Cpus).Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("unified")]
    public void Cgroup_v2_is_used_where_its_controllers_list_cpu(string mount)
    {
        using var fs = FakeCgroupFs.V1();
        File.WriteAllText(fs.Path(mount, "cgroup.controllers"), "cpuset cpu io memory\n");

        Assert.Equal(CgroupVersion.V2, Detect(fs, Cpus).Version);
    }

    [Fact]
    public void A_v1_group_gets_3000_of_every_10000_microseconds_for_0_3_cpu_and_an_accounting_group()
    {
        using var fs = FakeCgroupFs.V1();

        var group = Detect(fs, Cpus).Create("replicabench-1a2b3c4d-primary", 0.3, null);

        Assert.Equal(fs.Path("cpu", "replicabench-1a2b3c4d-primary"), group.CpuDirectory);
        Assert.Equal(fs.Path("cpuacct", "replicabench-1a2b3c4d-primary"), group.AccountingDirectory);
        Assert.Null(group.MemoryDirectory);
        Assert.Equal("10000", fs.Read("cpu", "replicabench-1a2b3c4d-primary", "cpu.cfs_period_us"));
        Assert.Equal("3000", fs.Read("cpu", "replicabench-1a2b3c4d-primary", "cpu.cfs_quota_us"));
        Assert.False(Directory.Exists(fs.Path("memory", "session", "42", "replicabench-1a2b3c4d-primary")), "no memory group without --node-memory");
        Assert.Equal(
            [fs.Path("cpu", "replicabench-1a2b3c4d-primary", "cgroup.procs"), fs.Path("cpuacct", "replicabench-1a2b3c4d-primary", "cgroup.procs")],
            group.ProcsFiles);
    }

    [Fact]
    public void A_v1_memory_group_goes_under_this_process_s_own_memory_group()
    {
        using var fs = FakeCgroupFs.V1();
        var budget = NodeBudget.Parse(null, "1GB");

        var group = Detect(fs, budget).Create("replicabench-1a2b3c4d-replica1", null, 1L << 30);

        var expected = fs.Path("memory", "session", "42", "replicabench-1a2b3c4d-replica1");
        Assert.Equal(expected, group.MemoryDirectory);
        Assert.Equal("1073741824", File.ReadAllText(Path.Combine(expected, "memory.limit_in_bytes")));
        Assert.False(File.Exists(fs.Path("cpu", "replicabench-1a2b3c4d-replica1", "cpu.cfs_quota_us")), "no quota without --node-cpus");
        Assert.Equal(fs.Path("cpuacct", "replicabench-1a2b3c4d-replica1"), group.AccountingDirectory);
    }

    [Fact]
    public void A_v2_group_gets_cpu_max_and_memory_max_and_the_controllers_are_enabled_for_it()
    {
        using var fs = FakeCgroupFs.V2();
        var budget = NodeBudget.Parse("0.3", "512MB", cores: 2);

        var group = Detect(fs, budget).Create("replicabench-1a2b3c4d-primary", 0.3, 512L << 20);

        var directory = fs.Path("replicabench-1a2b3c4d-primary");
        Assert.Equal(new NodeCgroup(CgroupVersion.V2, directory, directory, directory), group);
        Assert.Equal("3000 10000", File.ReadAllText(Path.Combine(directory, "cpu.max")));
        Assert.Equal("536870912", File.ReadAllText(Path.Combine(directory, "memory.max")));
        Assert.Equal([Path.Combine(directory, "cgroup.procs")], group.ProcsFiles);

        // A fake file keeps only the last write; the real one adds each "+controller" to the set.
        Assert.Equal("+memory", fs.Read("cgroup.subtree_control"));
    }

    [Fact]
    public void A_v2_controller_already_enabled_is_left_as_it_is()
    {
        using var fs = FakeCgroupFs.V2();
        File.WriteAllText(fs.Path("cgroup.subtree_control"), "cpu memory\n");

        Detect(fs, Cpus).Create("replicabench-1a2b3c4d-primary", 0.3, null);

        Assert.Equal("cpu memory\n", fs.Read("cgroup.subtree_control"));
    }

    [Fact]
    public void Not_being_root_is_refused_with_one_line_that_says_how_to_run_without_emulation()
    {
        using var fs = FakeCgroupFs.V1();

        var ex = Assert.Throws<BadInputException>(() => CgroupFileSystem.Detect(Cpus, fs.Root, fs.SelfCgroupFile, privileged: false));

        Assert.Equal(
            "--node-cpus needs root to create cgroups and move the servers into them, and this process is not root; run as root, or drop --node-cpus to run without emulated nodes.",
            ex.Message);
    }

    [Fact]
    public void A_machine_without_a_cpu_controller_is_refused_naming_what_is_missing()
    {
        using var fs = FakeCgroupFs.V2("io memory pids");

        var ex = Assert.Throws<BadInputException>(() => Detect(fs, Cpus));

        Assert.Equal(
            $"--node-cpus needs a writable cgroup with the cpu controller (cgroup v2 listing it in cgroup.controllers, or v1 {fs.Path("cpu")}), and there is none here; run where cgroups can be made, or drop --node-cpus to run without emulated nodes.",
            ex.Message);
    }

    [Fact]
    public void A_memory_limit_without_a_memory_hierarchy_is_refused_naming_the_memory_option()
    {
        using var fs = FakeCgroupFs.V1(withMemory: false);

        var ex = Assert.Throws<BadInputException>(() => Detect(fs, NodeBudget.Parse("0.3", "1GB", cores: 2)));

        Assert.StartsWith("--node-cpus and --node-memory needs a writable cgroup with the memory controller", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("drop --node-cpus and --node-memory to run without emulated nodes.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_writability_probe_leaves_nothing_behind()
    {
        using var fs = FakeCgroupFs.V1();

        Detect(fs, Cpus).EnsureWritable();

        Assert.Equal(["cgroup.procs", "cpu.cfs_period_us", "cpu.cfs_quota_us"], Directory.GetFileSystemEntries(fs.Path("cpu")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0.3, 3_000L, 10_000L)]
    [InlineData(2.0, 20_000L, 10_000L)]
    [InlineData(0.125, 1_250L, 10_000L)]
    [InlineData(0.1, 1_000L, 10_000L)]
    // Under 0.1 CPU the period grows so that the quota stays at the kernel's 1 ms minimum.
    [InlineData(0.03, 1_000L, 33_334L)]
    [InlineData(0.01, 1_000L, 100_000L)]
    public void A_quota_is_its_share_of_a_10ms_period_or_of_a_longer_one_under_0_1_cpu(double cpus, long quota, long period) =>
        Assert.Equal((quota, period), (CgroupFileSystem.Quota(cpus), CgroupFileSystem.Period(cpus)));

    private static CgroupFileSystem Detect(FakeCgroupFs fs, NodeBudget budget) =>
        CgroupFileSystem.Detect(budget, fs.Root, fs.SelfCgroupFile, privileged: true);
}
