using Npgsql;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Containers;
using ReplicaBench.Topology.Faults;

namespace ReplicaBench.IntegrationTests.Containers;

/// <summary>
/// Fault injection on containers: a replica container killed (docker kill) and started again runs
/// its server on the data it kept and streams again. Its own 1-replica topology: it kills a node.
/// </summary>
public sealed class ContainerFaultTests() : OwnContainersTestBase("rb-it-container-faults-")
{
    [Fact]
    public async Task A_killed_replica_container_starts_again_on_its_own_data_and_streams()
    {
        DockerRequirement.Ensure(Unavailable);
        var state = new TopologyStateDirectory(StateDir);
        var provider = new ContainersTopologyProvider(new ContainerTopologyOptions(DockerRequirement.Image, ContainerNetworkMode.Host), TimeProvider.System);
        var topology = await TopologyLifecycle.UpAsync(provider, new TopologyRequest(1), state, Token);
        var replica = topology.FindNode("replica1")!;
        var faults = TopologyFaults.For(state);

        await faults.KillReplicaAsync("replica1", Token);

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => InRecoveryAsync(replica));
        using (var engine = await DockerEngine.ConnectAsync(Token))
        {
            var killed = await engine.StateAsync(topology.Containers!.Containers.Single(c => c.Node == "replica1").Id, Token);
            Assert.NotEqual("running", killed?.State);
        }

        await faults.RestartReplicaAsync("replica1", Token);

        Assert.True(await InRecoveryAsync(replica), "the restarted replica must come back as a standby, not a fresh server");
        await TopologyLifecycle.DownAsync(state, Token);
    }

    private static async Task<bool> InRecoveryAsync(TopologyNode node)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(node.ConnectionString) { Pooling = false, Timeout = 3 }.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
        return (bool)(await command.ExecuteScalarAsync(Token))!;
    }
}
