namespace ReplicaBench.Engine.RunResults;

/// <summary>
/// What the load generator itself (this process: every virtual user, the pacer, the collector)
/// spent in CPU over the measured window: user plus system time, beside the cores it could use.
/// A figure of the topology is only a figure of the topology while this stays well below them.
/// </summary>
/// <param name="CpuTime">User + system CPU time of the process between the start of the measured window and the end of its drain.</param>
/// <param name="Window">The wall time those two readings span.</param>
/// <param name="Cores">The cores the process could use (<see cref="Environment.ProcessorCount"/>, which honours affinity and quotas).</param>
public sealed record GeneratorCpu(TimeSpan CpuTime, TimeSpan Window, int Cores)
{
    /// <summary>The cores it kept busy on average: CPU time over wall time.</summary>
    public double CoresUsed => Window > TimeSpan.Zero ? CpuTime / Window : 0;

    /// <summary>CPU microseconds per operation, or null when no operation completed.</summary>
    public double? MicrosecondsPerOperation(long operations) => operations > 0 ? CpuTime.TotalMicroseconds / operations : null;
}
