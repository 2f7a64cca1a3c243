using System.Diagnostics;
using ReplicaBench.Engine;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;

namespace ReplicaBench.IntegrationTests.Topology;

/// <summary>A real primary with two streaming replicas (replica2 delayed 300 ms), shared by these tests.</summary>
public sealed class SharedTopologyTests(SharedTopologyFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Topology_json_lists_a_primary_and_two_replicas_and_is_private()
    {
        var topology = fixture.Topology;

        Assert.Equal(["primary", "replica1", "replica2"], topology.Nodes.Select(n => n.Name));
        Assert.Equal([NodeRole.Primary, NodeRole.Replica, NodeRole.Replica], topology.Nodes.Select(n => n.Role));
        Assert.All(topology.Nodes, n => Assert.Equal("127.0.0.1", n.Host));
        Assert.Equal(3, topology.Nodes.Select(n => n.Port).Distinct().Count());
        Assert.Equal(300, topology.FindNode("replica2")!.ApplyDelayMs);
        Assert.StartsWith("15", topology.ServerVersion, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fixture.StateDirectory.TopologyFile));
    }

    [Fact]
    public async Task Status_shows_every_node_reachable_and_both_replicas_streaming()
    {
        await ReplicationAssertions.EveryReplicaStreamsAsync(fixture.Topology, Token);
    }

    [Fact]
    public async Task A_row_written_on_the_primary_becomes_visible_on_both_replicas()
    {
        await ReplicationAssertions.RowReachesEveryReplicaAsync(fixture.Topology, Token);
    }

    [Fact]
    public async Task The_apply_delay_holds_back_visibility_on_the_delayed_replica_only()
    {
        await ReplicationAssertions.ApplyDelayHoldsOnlyOnAsync(fixture.Topology, "replica2", "replica1", SharedTopologyFixture.Replica2ApplyDelay, Token);
    }

    [Fact]
    public async Task Status_command_prints_a_table_without_secrets()
    {
        var password = new Npgsql.NpgsqlConnectionStringBuilder(fixture.Topology.Primary.ConnectionString).Password!;

        var (code, stdout, stderr) = await CliProcess.RunAsync(["topology", "status", "--state-dir", fixture.StateDirectory.Path]);

        Assert.Equal(0, code);
        Assert.Equal(2, stdout.Split("streaming").Length - 1);
        Assert.DoesNotContain(password, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_up_in_the_same_state_dir_is_refused()
    {
        _ = fixture.Topology;

        var (code, stdout, stderr) = await CliProcess.RunAsync(["topology", "up", "--state-dir", fixture.StateDirectory.Path]);

        Assert.Equal(2, code);
        Assert.Contains("a topology is already up in", stderr, StringComparison.Ordinal);
        Assert.Contains("topology down", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
        Assert.Equal(3, (await TopologyStatusReader.ReadAsync(fixture.Topology, Token)).Count(s => s.Reachable));
    }
}
