using System.Globalization;

namespace ReplicaBench.Topology.Emulation;

/// <summary>
/// Reads how much CPU time one local server (its postmaster and every process it forked) has used,
/// from its cgroup, and the quota it runs under: what CPU accounting needs to report a node's
/// utilisation against its emulated size. Made from topology.json, so any process can read it.
/// </summary>
public sealed class NodeCpuMeter
{
    private readonly NodeCgroup _group;

    private NodeCpuMeter(string node, double? quotaCores, NodeCgroup group)
    {
        Node = node;
        QuotaCores = quotaCores;
        _group = group;
    }

    public string Node { get; }

    /// <summary>The node's CPU quota in cores (0.3 = 30 ms per 100 ms); null when it only has a memory limit.</summary>
    public double? QuotaCores { get; }

    /// <summary>A meter for each node of <paramref name="topology"/> that runs in a cgroup with CPU accounting (none for containers or without a budget).</summary>
    public static IReadOnlyList<NodeCpuMeter> For(TopologyDescriptor topology) =>
        [.. (topology.Emulation?.Nodes ?? [])
            .Where(n => n.Cgroup?.AccountingDirectory is not null)
            .Select(n => new NodeCpuMeter(n.Node, n.Cpus, n.Cgroup!))];

    /// <summary>The meter of one node, or null when that node has no CPU accounting.</summary>
    public static NodeCpuMeter? For(TopologyDescriptor topology, string node) =>
        For(topology).FirstOrDefault(m => string.Equals(m.Node, node, StringComparison.Ordinal));

    /// <summary>
    /// CPU time used since the group was made, in microseconds, summed over every process that ran
    /// in it: v1 <c>cpuacct.usage</c> (nanoseconds), v2 <c>usage_usec</c> in <c>cpu.stat</c>.
    /// Take two readings and divide by the wall time between them for the cores used.
    /// </summary>
    /// <exception cref="TopologyException">The group is gone (the topology is down) or unreadable.</exception>
    public long ReadUsageMicroseconds()
    {
        var directory = _group.AccountingDirectory!;
        try
        {
            if (_group.Version == CgroupVersion.V1)
            {
                return long.Parse(File.ReadAllText(Path.Combine(directory, "cpuacct.usage")).Trim(), CultureInfo.InvariantCulture) / 1000;
            }

            var line = File.ReadLines(Path.Combine(directory, "cpu.stat")).First(l => l.StartsWith("usage_usec ", StringComparison.Ordinal));
            return long.Parse(line["usage_usec ".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            throw new TopologyException($"cannot read the CPU usage of {Node} from {directory} ({ex.Message.TrimEnd('.')}); is the topology still up?", ex);
        }
    }
}
