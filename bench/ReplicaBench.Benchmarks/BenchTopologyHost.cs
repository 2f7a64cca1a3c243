using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.Benchmarks;

/// <summary>
/// Makes a topology available to the benchmark processes for the whole run. If one is up in the
/// state dir it is used as it is; otherwise a local primary with two replicas is brought up once,
/// here in the host process (not in every benchmark's own process: that would cost a topology
/// start per benchmark), and taken down at the end, on failure and on Ctrl+C/SIGTERM.
/// </summary>
public static class BenchTopologyHost
{
    public static async Task<TopologyLease> AcquireAsync(TextWriter log, CancellationToken cancellationToken)
    {
        var existing = TopologyStateDirectory.Default();
        if (existing.HasTopology)
        {
            var lease = TopologyLease.UseExisting(existing);
            await log.WriteLineAsync($"Using the topology in {existing.Path} ({lease.Descriptor.Nodes.Count} node(s)).");
            return lease;
        }

        // Fails with a one-line BadInputException before anything starts when PostgreSQL is missing.
        PostgresBinaries.Locate();
        await log.WriteLineAsync($"No topology is up in {existing.Path}: bringing up a local primary + 2 replicas for this run.");
        var provisioned = await TopologyLease.ProvisionAsync(new LocalTopologyProvider(), new TopologyRequest(2), "replicabench-bench-", step: null, cancellationToken);

        // Benchmark processes inherit this and find the topology through it.
        Environment.SetEnvironmentVariable(TopologyStateDirectory.EnvironmentVariable, provisioned.StateDirectory.Path);
        return provisioned.ReleaseOnSignals();
    }
}
