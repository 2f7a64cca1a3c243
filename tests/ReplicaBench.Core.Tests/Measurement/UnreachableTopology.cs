using ReplicaBench.Engine;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Measurement;

/// <summary>A topology whose nodes point at a closed loopback port: every connection is refused at once.</summary>
internal static class UnreachableTopology
{
    public static TopologyDescriptor Create(int replicas = 2)
    {
        static TopologyNode Node(string name, NodeRole role) =>
            new(name, role, "127.0.0.1", 1, "Host=127.0.0.1;Port=1;Username=nobody;Password=not-a-secret;Database=none;Timeout=2");

        return new TopologyDescriptor
        {
            Provider = "local",
            CreatedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Nodes = [Node("primary", NodeRole.Primary), .. Enumerable.Range(1, replicas).Select(i => Node($"replica{i}", NodeRole.Replica))],
        };
    }
}
