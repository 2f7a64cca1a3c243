using ReplicaBench.Topology;

namespace ReplicaBench.Benchmarks;

/// <summary>
/// Where the benchmarks' database comes from. Each benchmark runs in its own process
/// (BenchmarkDotNet's default toolchain), and reads the topology from the state dir named by
/// <c>REPLICABENCH_STATE_DIR</c> (else the default state dir) in its <c>[GlobalSetup]</c>.
/// </summary>
public static class BenchTopology
{
    /// <summary>The topology the host process made available (see <see cref="BenchTopologyHost"/>).</summary>
    public static TopologyDescriptor Load() => TopologyStateDirectory.Default().Read();
}
