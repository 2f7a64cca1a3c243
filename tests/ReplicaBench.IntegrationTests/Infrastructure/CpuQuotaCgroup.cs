using System.Globalization;

namespace ReplicaBench.IntegrationTests.Infrastructure;

/// <summary>
/// A cgroup v1 <c>cpu</c> group with a CFS quota, to throttle one server in a test: a quota of
/// 25,000 µs per 100,000 µs period is a quarter of a CPU. A process forked inside stays inside (a
/// postmaster's new backends follow it), but existing processes must be moved one by one, so
/// <see cref="MoveProcessTree"/> moves a postmaster and every descendant. Disposing moves every
/// process back to the root group and removes the group.
/// </summary>
internal sealed class CpuQuotaCgroup : IDisposable
{
    public const string Root = "/sys/fs/cgroup/cpu";

    private CpuQuotaCgroup(string path) => Path = path;

    public string Path { get; }

    /// <summary>Why a cpu cgroup cannot be made here (not root, no cgroup v1 cpu controller), or null.</summary>
    public static string? UnavailableReason()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return "throttling a server needs root (a cgroup under /sys/fs/cgroup/cpu); run the tests as root";
        }

        if (!File.Exists(System.IO.Path.Combine(Root, "cgroup.procs")) || !File.Exists(System.IO.Path.Combine(Root, "cpu.cfs_quota_us")))
        {
            return $"no cgroup v1 cpu controller at {Root} (cgroup v2 only?); mount one to run this test";
        }

        var probe = System.IO.Path.Combine(Root, "replicabench-probe-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{Root} is not writable ({ex.Message}); run the tests where cgroups can be made";
        }
    }

    /// <summary>Skips the calling test when no group can be made, except under CI (REPLICABENCH_REQUIRE_POSTGRES=1), where that fails it.</summary>
    public static void Ensure()
    {
        if (UnavailableReason() is not { } reason)
        {
            return;
        }

        if (PostgresRequirement.IsRequired)
        {
            Assert.Fail($"{PostgresRequirement.EnvironmentVariable}=1 but a CPU quota cannot be set: {reason}");
        }

        Assert.Skip($"cannot throttle a server here: {reason}");
    }

    /// <summary>Makes the group with <paramref name="quotaMicroseconds"/> of CPU time per <paramref name="periodMicroseconds"/>.</summary>
    public static CpuQuotaCgroup Create(string name, long quotaMicroseconds, long periodMicroseconds)
    {
        var group = new CpuQuotaCgroup(System.IO.Path.Combine(Root, name));
        Directory.CreateDirectory(group.Path);
        File.WriteAllText(System.IO.Path.Combine(group.Path, "cpu.cfs_period_us"), periodMicroseconds.ToString(CultureInfo.InvariantCulture));
        File.WriteAllText(System.IO.Path.Combine(group.Path, "cpu.cfs_quota_us"), quotaMicroseconds.ToString(CultureInfo.InvariantCulture));
        return group;
    }

    /// <summary>Moves <paramref name="rootPid"/> and all its descendants (found by their ppid in /proc) into the group; returns how many.</summary>
    public int MoveProcessTree(int rootPid)
    {
        var tree = Descendants(rootPid).Prepend(rootPid).ToList();
        foreach (var pid in tree)
        {
            Write(System.IO.Path.Combine(Path, "cgroup.procs"), pid);
        }

        return tree.Count;
    }

    /// <summary>The processes in the group now.</summary>
    public IReadOnlyList<int> Processes() =>
        [.. File.ReadAllLines(System.IO.Path.Combine(Path, "cgroup.procs")).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture))];

    /// <summary>Periods in which the group used up its quota and was held back (v1 <c>cpu.stat</c> <c>nr_throttled</c>).</summary>
    public long ThrottledPeriods() =>
        long.Parse(
            File.ReadLines(System.IO.Path.Combine(Path, "cpu.stat")).First(l => l.StartsWith("nr_throttled ", StringComparison.Ordinal))["nr_throttled ".Length..],
            CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (!Directory.Exists(Path))
        {
            return;
        }

        // A group with processes cannot be removed: every one goes back to the root first.
        foreach (var pid in Processes())
        {
            Write(System.IO.Path.Combine(Root, "cgroup.procs"), pid);
        }

        Directory.Delete(Path);
    }

    internal static List<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(System.IO.Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var child) && ParentOf(directory) is { } parent)
            {
                (parents.TryGetValue(parent, out var children) ? children : parents[parent] = []).Add(child);
            }
        }

        var found = new List<int>();
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var next))
        {
            foreach (var child in parents.GetValueOrDefault(next) ?? [])
            {
                found.Add(child);
                pending.Enqueue(child);
            }
        }

        return found;
    }

    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so read after the last ')'.
    private static int? ParentOf(string procDirectory)
    {
        try
        {
            var stat = File.ReadAllText(System.IO.Path.Combine(procDirectory, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null; // the process ended while we looked
        }
    }

    private static void Write(string file, int pid)
    {
        try
        {
            File.WriteAllText(file, pid.ToString(CultureInfo.InvariantCulture));
        }
        catch (IOException) when (!Directory.Exists($"/proc/{pid}"))
        {
            // It exited in the meantime (ESRCH): nothing left to move.
        }
    }
}
