using ReplicaBench.Engine;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Routing;

/// <summary>Topologies for router tests that never connect: nodes on port 1 of loopback, where nothing listens.</summary>
internal static class TestTopologies
{
    public const string Password = "not-a-real-s3cret";

    public static TopologyDescriptor WithReplicas(int replicas) => new()
    {
        Provider = "test",
        CreatedAt = DateTimeOffset.UnixEpoch,
        Nodes = [Node("primary", NodeRole.Primary), .. Enumerable.Range(1, replicas).Select(i => Node($"replica{i}", NodeRole.Replica))],
    };

    public static TopologyNode Node(string name, NodeRole role) =>
        new(name, role, "127.0.0.1", 1, $"Host=127.0.0.1;Port=1;Username=replicabench;Password={Password};Database=replicabench");
}
