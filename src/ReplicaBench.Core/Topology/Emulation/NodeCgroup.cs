using System.Text.Json.Serialization;

namespace ReplicaBench.Topology.Emulation;

/// <summary>
/// The cgroup directories of one local server, as topology.json records them so that <c>down</c>
/// can remove them from any process, and CPU accounting can read them. On v2 the three are one
/// directory; on v1 each is the node's group in its own hierarchy.
/// </summary>
/// <param name="Version">The cgroup interface used.</param>
/// <param name="CpuDirectory">Where the quota is: v1 <c>cpu.cfs_quota_us</c>, v2 <c>cpu.max</c>.</param>
/// <param name="AccountingDirectory">Where the CPU time used is: v1 <c>cpuacct.usage</c> (ns), v2 <c>cpu.stat</c> <c>usage_usec</c>; null on a v1 machine without cpuacct.</param>
/// <param name="MemoryDirectory">Where the memory limit is (v1 <c>memory.limit_in_bytes</c>, v2 <c>memory.max</c>); null without <c>--node-memory</c>.</param>
public sealed record NodeCgroup(CgroupVersion Version, string? CpuDirectory, string? AccountingDirectory, string? MemoryDirectory)
{
    /// <summary>Every directory of the group, once each: the server's processes join all of them, and <c>down</c> removes all of them.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Directories =>
        [.. new[] { CpuDirectory, AccountingDirectory, MemoryDirectory }.OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>The <c>cgroup.procs</c> files a process writes its pid to, to join the group in every hierarchy.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> ProcsFiles => [.. Directories.Select(d => Path.Combine(d, "cgroup.procs"))];
}
