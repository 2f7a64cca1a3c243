namespace ReplicaBench.Tests.Topology.Emulation;

/// <summary>
/// A cgroupfs made of plain files in a temporary folder: the control files a real one shows, a
/// <c>/proc/self/cgroup</c> of its own, and rmdir as cgroupfs does it (refused while the group has
/// processes, taking the control files with it).
/// </summary>
internal sealed class FakeCgroupFs : IDisposable
{
    private readonly TempDirectory _temp = new();

    private FakeCgroupFs()
    {
        SelfCgroupFile = _temp.Combine("self-cgroup");
    }

    public string Root => _temp.Path;

    public string SelfCgroupFile { get; }

    /// <summary>This machine's layout: v1 cpu, cpuacct and memory apart, v2 at unified/ with no controllers, this process in a memory group of its own.</summary>
    public static FakeCgroupFs V1(bool withMemory = true)
    {
        var fs = new FakeCgroupFs();
        fs.Files("cpu", ("cgroup.procs", ""), ("cpu.cfs_quota_us", "-1"), ("cpu.cfs_period_us", "100000"));
        fs.Files("cpuacct", ("cgroup.procs", ""), ("cpuacct.usage", "0"));
        if (withMemory)
        {
            fs.Files("memory", ("cgroup.procs", ""), ("memory.limit_in_bytes", "9223372036854771712"));
            Directory.CreateDirectory(fs.Path("memory", "session", "42"));
        }

        fs.Files("unified", ("cgroup.controllers", ""));
        File.WriteAllText(fs.SelfCgroupFile, "4:memory:/session/42\n2:cpuacct:/\n1:cpu:/\n0::/\n");
        return fs;
    }

    /// <summary>A v2-only machine whose root lists <paramref name="controllers"/>.</summary>
    public static FakeCgroupFs V2(string controllers = "cpuset cpu io memory pids")
    {
        var fs = new FakeCgroupFs();
        fs.Files(".", ("cgroup.controllers", controllers + "\n"), ("cgroup.subtree_control", ""), ("cgroup.procs", ""));
        File.WriteAllText(fs.SelfCgroupFile, "0::/user.slice\n");
        return fs;
    }

    public string Path(params string[] parts) => _temp.Combine(parts);

    public string Read(params string[] parts) => File.ReadAllText(Path(parts));

    /// <summary>rmdir on cgroupfs: EBUSY while a process is in the group; the control files go with the directory.</summary>
    public void RemoveGroup(string directory)
    {
        if (File.Exists(System.IO.Path.Combine(directory, "cgroup.procs")) && File.ReadAllText(System.IO.Path.Combine(directory, "cgroup.procs")).Trim().Length > 0)
        {
            throw new IOException("Device or resource busy");
        }

        Directory.Delete(directory, recursive: true);
    }

    public void Dispose() => _temp.Dispose();

    private void Files(string directory, params (string Name, string Content)[] files)
    {
        Directory.CreateDirectory(Path(directory));
        foreach (var (name, content) in files)
        {
            File.WriteAllText(Path(directory, name), content);
        }
    }
}
