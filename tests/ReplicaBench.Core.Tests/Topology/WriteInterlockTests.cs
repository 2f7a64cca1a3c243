using ReplicaBench.Engine;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Topology;

/// <summary>The guard every writer calls: external topologies are written to only with --allow-writes.</summary>
public sealed class WriteInterlockTests
{
    [Fact]
    public void A_topology_brought_up_without_allow_writes_refuses_in_one_line_naming_the_flag()
    {
        var ex = Assert.Throws<BadInputException>(() => WriteInterlock.EnsureWritesAllowed(Topology(writesAllowed: false), "probe staleness"));

        Assert.StartsWith("probe staleness writes to the primary (in schema replicabench only)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-writes", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void A_writable_topology_passes()
    {
        WriteInterlock.EnsureWritesAllowed(Topology(writesAllowed: true), "seeding");
    }

    [Fact]
    public async Task Opening_the_primary_for_writes_checks_before_connecting()
    {
        // Port 1 would fail to connect: the refusal must come first, without any connection attempt.
        var ex = await Assert.ThrowsAsync<BadInputException>(() =>
            WriteInterlock.OpenPrimaryAsync(Topology(writesAllowed: false), "seeding", TestContext.Current.CancellationToken));

        Assert.Contains("--allow-writes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_topology_json_without_the_field_is_writable_as_local_ones_always_were()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine(TopologyStateDirectory.FileName), """
            { "schemaVersion": 1, "provider": "local", "createdAt": "2026-01-01T00:00:00Z",
              "nodes": [ { "name": "primary", "role": "primary", "host": "127.0.0.1", "port": 5432, "connectionString": "Host=127.0.0.1" } ] }
            """);

        Assert.True(new TopologyStateDirectory(temp.Path).Read().WritesAllowed);
    }

    private static TopologyDescriptor Topology(bool writesAllowed) => new()
    {
        Provider = "external",
        CreatedAt = DateTimeOffset.UnixEpoch,
        Nodes = [new TopologyNode("primary", NodeRole.Primary, "127.0.0.1", 1, "Host=127.0.0.1;Port=1;Username=x;Timeout=1")],
        WritesAllowed = writesAllowed,
    };
}
