namespace ReplicaBench.Measurement;

/// <summary>
/// One emulated node's CPU over a measured window, from its cgroup's own accounting: every process
/// of the server counts (backends, WAL replay, checkpointer, autovacuum), not only the work the
/// load asked for.
/// </summary>
/// <param name="Node">The node's name in topology.json.</param>
/// <param name="QuotaCores">Its CPU quota in cores; null when it has only a memory limit.</param>
/// <param name="Cpu">CPU time its processes used in the window.</param>
/// <param name="Window">The window's wall time.</param>
public sealed record NodeCpuFigures(string Node, double? QuotaCores, TimeSpan Cpu, TimeSpan Window)
{
    /// <summary>Cores it kept busy on average.</summary>
    public double CoresUsed => Window > TimeSpan.Zero ? Cpu / Window : 0;

    /// <summary>The share of its quota it used (1 = it was held at its quota the whole window); null without a quota.</summary>
    public double? QuotaUsed => QuotaCores is > 0 and var quota ? CoresUsed / quota : null;

    /// <summary>CPU microseconds per operation it served; null when it served none.</summary>
    public double? MicrosecondsPerOperation(long operations) => operations > 0 ? Cpu.TotalMicroseconds / operations : null;
}
