using System.Globalization;

namespace ReplicaBench.Topology.Emulation;

/// <summary>
/// This machine's cgroups, as far as per-server budgets need them: cgroup v2 where its
/// <c>cgroup.controllers</c> lists what the budget needs (<c>cpu</c>, <c>memory</c>), else cgroup v1
/// (a hierarchy per controller). Every path starts at an injectable root, so tests run against a
/// fake cgroupfs in a temporary folder. <see cref="Detect"/> refuses, with one line, where a budget
/// cannot be enforced.
/// </summary>
public sealed class CgroupFileSystem
{
    public const string DefaultRoot = "/sys/fs/cgroup";

    /// <summary>
    /// The CFS period a quota is a share of: 10 ms, not the kernel's default 100 ms. A node held to
    /// 0.3 CPU of a 100 ms period runs 30 ms and then stalls for 70: every operation that meets the
    /// stall waits up to 70 ms (p99 of 40–75 ms measured here on point reads at 0.3 CPU), and the
    /// closed loop's users pile up on whichever node is stalled. With 10 ms the stalls are 7 ms and
    /// p99 halved; a node behaves more like a small CPU than like a large one switched on and off.
    /// </summary>
    public const long DefaultPeriodMicroseconds = 10_000;

    /// <summary>The smallest quota the kernel takes: 1 ms per period.</summary>
    public const long MinimumQuotaMicroseconds = 1_000;

    private readonly NodeBudget _budget;
    private readonly string? _v2Root;
    private readonly string? _cpu;
    private readonly string? _cpuAccounting;
    private readonly string? _memory;

    private CgroupFileSystem(NodeBudget budget, CgroupVersion version, string? v2Root, string? cpu, string? cpuAccounting, string? memory)
    {
        _budget = budget;
        Version = version;
        _v2Root = v2Root;
        _cpu = cpu;
        _cpuAccounting = cpuAccounting;
        _memory = memory;
    }

    public CgroupVersion Version { get; }

    /// <summary>How an empty group is removed: <c>rmdir</c>, which on cgroupfs takes the control files with it (a test's fake cgroupfs needs its files deleted first).</summary>
    internal Action<string> RemoveDirectory { get; set; } = path => Directory.Delete(path);

    /// <summary>
    /// Finds where <paramref name="budget"/>'s groups can go. v2: at the unified root (the only
    /// group exempt from "no processes in a group that delegates controllers"). v1: under this
    /// process's own group in each hierarchy (from <c>/proc/self/cgroup</c>), so any limit on the
    /// group that runs ReplicaBench still covers its servers.
    /// </summary>
    /// <param name="budget">What must be enforced: a CPU quota needs <c>cpu</c>, a memory limit <c>memory</c>.</param>
    /// <param name="root">Where cgroupfs is mounted: v2 there or at <c>unified/</c>, v1 at <c>cpu/</c>, <c>cpuacct/</c>, <c>memory/</c>.</param>
    /// <param name="selfCgroupFile">This process's groups, <c>/proc/self/cgroup</c> by default.</param>
    /// <param name="privileged">Whether this process may create groups and move processes (default: whether it runs as root).</param>
    /// <exception cref="BadInputException">Not root, or no hierarchy with what the budget needs.</exception>
    public static CgroupFileSystem Detect(NodeBudget budget, string root = DefaultRoot, string selfCgroupFile = "/proc/self/cgroup", bool? privileged = null)
    {
        var needCpu = !budget.Cpus.IsEmpty;
        var needMemory = !budget.Memory.IsEmpty;
        if (!(privileged ?? Environment.IsPrivilegedProcess))
        {
            throw Refusal(budget, "root to create cgroups and move the servers into them, and this process is not root", "run as root");
        }

        foreach (var unified in (string[])[root, Path.Combine(root, "unified")])
        {
            var controllers = ReadWords(Path.Combine(unified, "cgroup.controllers"));
            if (controllers is not null && (!needCpu || controllers.Contains("cpu")) && (!needMemory || controllers.Contains("memory")))
            {
                return new CgroupFileSystem(budget, CgroupVersion.V2, unified, null, null, null);
            }
        }

        var own = OwnGroups(selfCgroupFile);
        var cpu = Hierarchy(root, "cpu", "cpu.cfs_quota_us", own);
        var accounting = Hierarchy(root, "cpuacct", "cpuacct.usage", own);
        var memory = Hierarchy(root, "memory", "memory.limit_in_bytes", own);
        if ((needCpu && cpu is null) || (needMemory && memory is null))
        {
            // Named: the controllers this machine lacks, not every one the budget uses.
            string[] missing = [.. new[] { (needCpu && cpu is null, "cpu"), (needMemory && memory is null, "memory") }.Where(c => c.Item1).Select(c => c.Item2)];
            throw Refusal(
                budget,
                $"a writable cgroup with the {string.Join(" and ", missing)} controller (cgroup v2 listing it in cgroup.controllers, or v1 {string.Join(" and ", missing.Select(c => Path.Combine(root, c)))}), and there is none here",
                "run where cgroups can be made");
        }

        return new CgroupFileSystem(budget, CgroupVersion.V1, null, cpu, accounting, memory);
    }

    /// <summary>Proves, by making and removing an empty group, that the groups can be created; refuses otherwise.</summary>
    public void EnsureWritable()
    {
        foreach (var parent in Parents())
        {
            var probe = Path.Combine(parent, "replicabench-probe-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            try
            {
                Directory.CreateDirectory(probe);
                Directory.Delete(probe);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Unwritable(parent, ex);
            }
        }
    }

    /// <summary>
    /// Makes the group <paramref name="name"/> (in every hierarchy on v1) with the quota and limit
    /// written; nothing is in it yet. A failure removes what it made and refuses with one line.
    /// </summary>
    /// <param name="name">The group's name, e.g. <c>replicabench-1a2b3c4d-primary</c>.</param>
    /// <param name="cpus">The CPU quota in CPUs, or null for none (the group then only accounts).</param>
    /// <param name="memoryBytes">The memory limit, or null for none.</param>
    public NodeCgroup Create(string name, double? cpus, long? memoryBytes)
    {
        var made = new List<string>();
        string Make(string parent)
        {
            var path = Path.Combine(parent, name);
            Directory.CreateDirectory(path);
            made.Add(path);
            return path;
        }

        try
        {
            if (Version == CgroupVersion.V2)
            {
                EnableControllers(cpus is not null, memoryBytes is not null);
                var group = Make(_v2Root!);
                if (cpus is { } v2Cpus)
                {
                    Write(group, "cpu.max", $"{Quota(v2Cpus)} {Period(v2Cpus)}");
                }

                if (memoryBytes is { } v2Memory)
                {
                    Write(group, "memory.max", v2Memory.ToString(CultureInfo.InvariantCulture));
                }

                return new NodeCgroup(CgroupVersion.V2, group, group, memoryBytes is null ? null : group);
            }

            var cpu = _cpu is null ? null : Make(_cpu);
            if (cpu is not null && cpus is { } v1Cpus)
            {
                // The period first: a quota is checked against the period in force.
                Write(cpu, "cpu.cfs_period_us", Period(v1Cpus).ToString(CultureInfo.InvariantCulture));
                Write(cpu, "cpu.cfs_quota_us", Quota(v1Cpus).ToString(CultureInfo.InvariantCulture));
            }

            // cpu and cpuacct may be one hierarchy (mounted as cpu,cpuacct): then the group is the same directory.
            var accounting = _cpuAccounting is null ? null : SameDirectory(_cpuAccounting, _cpu) ? cpu : Make(_cpuAccounting);
            string? memory = null;
            if (memoryBytes is { } v1Memory)
            {
                memory = Make(_memory!);
                Write(memory, "memory.limit_in_bytes", v1Memory.ToString(CultureInfo.InvariantCulture));
            }

            return new NodeCgroup(CgroupVersion.V1, cpu, accounting, memory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            foreach (var path in Enumerable.Reverse(made))
            {
                TryRemoveEmpty(path);
            }

            throw Unwritable(made.Count > 0 ? made[^1] : Parents().First(), ex);
        }
    }

    /// <summary>
    /// The period for a quota of <paramref name="cpus"/>: <see cref="DefaultPeriodMicroseconds"/>,
    /// or longer for a quota under 0.1 CPU so that its share is still the kernel's 1 ms minimum
    /// (0.03 CPU: 1 ms of every 33.3 ms).
    /// </summary>
    public static long Period(double cpus) => Math.Max(DefaultPeriodMicroseconds, (long)Math.Ceiling(MinimumQuotaMicroseconds / cpus));

    /// <summary>The quota in microseconds per <see cref="Period"/>: 0.3 CPU is 3000 of 10000.</summary>
    public static long Quota(double cpus) => (long)Math.Round(cpus * Period(cpus));

    private IEnumerable<string> Parents() => Version == CgroupVersion.V2
        ? [_v2Root!]
        : new[] { _budget.Cpus.IsEmpty ? null : _cpu, _cpuAccounting, _budget.Memory.IsEmpty ? null : _memory }.OfType<string>();

    /// <summary>v2 hands a controller to a child group only once the parent lists it in <c>cgroup.subtree_control</c>.</summary>
    private void EnableControllers(bool cpu, bool memory)
    {
        var control = Path.Combine(_v2Root!, "cgroup.subtree_control");
        var enabled = ReadWords(control) ?? [];
        foreach (var (wanted, controller) in new[] { (cpu, "cpu"), (memory, "memory") })
        {
            if (wanted && !enabled.Contains(controller))
            {
                File.WriteAllText(control, "+" + controller);
            }
        }
    }

    private BadInputException Unwritable(string path, Exception ex) => Refusal(
        _budget, $"a writable cgroup, and {path} is not ({ex.Message.TrimEnd('.')})", "run as root where cgroups can be made", ex);

    private static BadInputException Refusal(NodeBudget budget, string missing, string fix, Exception? inner = null) =>
        inner is null ? new(Message(budget, missing, fix)) : new(Message(budget, missing, fix), inner);

    private static string Message(NodeBudget budget, string missing, string fix) =>
        $"{budget.Options} needs {missing}; {fix}, or drop {budget.Options} to run without emulated nodes.";

    /// <summary>The directory under which this process's groups are in a v1 hierarchy, if that hierarchy is mounted.</summary>
    private static string? Hierarchy(string root, string controller, string marker, IReadOnlyDictionary<string, string> own)
    {
        var mount = Path.Combine(root, controller);
        if (!File.Exists(Path.Combine(mount, marker)))
        {
            return null;
        }

        var nested = own.TryGetValue(controller, out var relative) ? Path.Combine(mount, relative.TrimStart('/')) : mount;
        return Directory.Exists(nested) ? Path.TrimEndingDirectorySeparator(nested) : mount;
    }

    /// <summary><c>/proc/self/cgroup</c> lines, <c>4:memory:/some/group</c> or <c>2:cpu,cpuacct:/</c>, as controller → group path.</summary>
    private static Dictionary<string, string> OwnGroups(string selfCgroupFile)
    {
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(selfCgroupFile))
        {
            return groups;
        }

        foreach (var line in File.ReadAllLines(selfCgroupFile))
        {
            var fields = line.Split(':', 3);
            if (fields.Length == 3)
            {
                foreach (var controller in fields[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    groups[controller] = fields[2];
                }
            }
        }

        return groups;
    }

    private static HashSet<string>? ReadWords(string file) =>
        File.Exists(file) ? [.. File.ReadAllText(file).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)] : null;

    private static bool SameDirectory(string a, string? b) =>
        b is not null && string.Equals(Resolve(a), Resolve(b), StringComparison.Ordinal);

    private static string Resolve(string path) => new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);

    private static void Write(string directory, string file, string value) => File.WriteAllText(Path.Combine(directory, file), value);

    private void TryRemoveEmpty(string path)
    {
        try
        {
            RemoveDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the caller's error line: the group could not be finished either.
        }
    }
}
