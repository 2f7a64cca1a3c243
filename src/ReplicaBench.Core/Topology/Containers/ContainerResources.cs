using Docker.DotNet.Models;

namespace ReplicaBench.Topology.Containers;

/// <summary>
/// A node's emulated size as Docker enforces it, what <c>docker run --cpus --memory</c> sets: a CFS
/// quota on the container's cgroup and a memory limit, without swap beyond it (Docker would
/// otherwise allow as much swap again, and a small instance does not get that).
/// </summary>
internal static class ContainerResources
{
    /// <summary>Docker's unit for <c>--cpus</c>: 10⁻⁹ CPU, so 0.3 CPU is 300,000,000.</summary>
    public static long NanoCpus(double cpus) => (long)Math.Round(cpus * 1_000_000_000);

    public static void Apply(HostConfig host, double? cpus, long? memoryBytes)
    {
        if (cpus is { } quota)
        {
            host.NanoCPUs = NanoCpus(quota);
        }

        if (memoryBytes is { } limit)
        {
            host.Memory = limit;
            host.MemorySwap = limit;
        }
    }
}
