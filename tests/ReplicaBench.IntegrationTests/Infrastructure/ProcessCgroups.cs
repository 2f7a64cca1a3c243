using System.Globalization;
using ReplicaBench.Topology.Emulation;

namespace ReplicaBench.IntegrationTests.Infrastructure;

/// <summary>What the kernel says about a process's cgroups (<c>/proc/&lt;pid&gt;/cgroup</c>), and a server's process tree.</summary>
internal static class ProcessCgroups
{
    /// <summary>A postmaster and every process below it (its children found by their ppid in /proc).</summary>
    public static IReadOnlyList<int> Tree(int postmaster) => [postmaster, .. CpuQuotaCgroup.Descendants(postmaster)];

    /// <summary>
    /// The group of <paramref name="pid"/> in the hierarchy that holds <paramref name="controller"/>
    /// (v1: the line naming it; v2: the <c>0::</c> line), e.g. <c>/replicabench-1a2b3c4d-primary</c>;
    /// null when the process is gone.
    /// </summary>
    public static string? GroupOf(int pid, CgroupVersion version, string controller)
    {
        try
        {
            foreach (var line in File.ReadAllLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cgroup"))
            {
                var fields = line.Split(':', 3);
                var matches = version == CgroupVersion.V2
                    ? fields[0] == "0"
                    : fields[1].Split(',').Contains(controller, StringComparer.Ordinal);
                if (matches)
                {
                    return fields[2];
                }
            }

            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The quota a group's processes run under, as the kernel reads it: "30000/100000".</summary>
    public static string Quota(NodeCgroup group)
    {
        if (group.Version == CgroupVersion.V2)
        {
            return File.ReadAllText(Path.Combine(group.CpuDirectory!, "cpu.max")).Trim().Replace(' ', '/');
        }

        var quota = File.ReadAllText(Path.Combine(group.CpuDirectory!, "cpu.cfs_quota_us")).Trim();
        var period = File.ReadAllText(Path.Combine(group.CpuDirectory!, "cpu.cfs_period_us")).Trim();
        return $"{quota}/{period}";
    }
}
