using System.Globalization;
using ReplicaBench.Engine;
using ReplicaBench.Topology;

namespace ReplicaBench.Cli.Tests;

/// <summary>
/// A topology.json written without any server behind it: everything 'load --check' and the load's
/// settings validation read. No server is needed and none is touched.
/// </summary>
internal static class RecordedTopology
{
    /// <summary>Writes a <paramref name="provider"/> topology of a primary and <paramref name="replicas"/> replicas into <paramref name="path"/>.</summary>
    public static TopologyStateDirectory Write(string path, string provider, int replicas, bool writesAllowed)
    {
        var state = new TopologyStateDirectory(path);
        state.EnsureWritable();
        state.Write(new TopologyDescriptor
        {
            Provider = provider,
            CreatedAt = DateTimeOffset.UnixEpoch,
            WritesAllowed = writesAllowed,
            Nodes =
            [
                Node("primary", NodeRole.Primary, 1),
                .. Enumerable.Range(1, replicas).Select(i => Node(string.Create(CultureInfo.InvariantCulture, $"replica{i}"), NodeRole.Replica, 1 + i)),
            ],
        });
        return state;
    }

    private static TopologyNode Node(string name, NodeRole role, int port) =>
        new(name, role, "127.0.0.1", port, string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=bench;Password=pw;Database=app"));
}
