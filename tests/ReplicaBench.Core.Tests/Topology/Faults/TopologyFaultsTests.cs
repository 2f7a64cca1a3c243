using ReplicaBench.Engine;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Containers;
using ReplicaBench.Topology.Faults;

namespace ReplicaBench.Tests.Topology.Faults;

/// <summary>Which topologies accept faults, and the pieces of fault injection that need no server.</summary>
public sealed class TopologyFaultsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void An_external_topology_is_refused_in_one_line_that_names_the_alternatives()
    {
        var ex = Assert.Throws<BadInputException>(() => TopologyFaults.EnsureSupported("external"));

        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains("never kills, pauses or promotes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("local or containers", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("containers")]
    public void Local_and_containers_topologies_accept_faults(string provider) => TopologyFaults.EnsureSupported(provider);

    [Fact]
    public void Faults_for_an_external_topology_in_a_state_dir_are_refused_before_anything_is_touched()
    {
        var state = new TopologyStateDirectory(_temp.Combine("state"));
        state.EnsureWritable();
        state.Write(new TopologyDescriptor
        {
            Provider = "external",
            CreatedAt = DateTimeOffset.UnixEpoch,
            WritesAllowed = false,
            Nodes = [new TopologyNode("primary", NodeRole.Primary, "db.example.com", 5432, "Host=db.example.com;Username=app;Password=pw")],
        });
        var before = File.ReadAllText(state.TopologyFile);

        Assert.Throws<BadInputException>(() => TopologyFaults.For(state));
        Assert.Equal(before, File.ReadAllText(state.TopologyFile));
    }

    [Fact]
    public void A_replication_conninfo_quotes_every_value_so_no_character_of_a_password_breaks_it()
    {
        var conninfo = ReplicationConnInfo.For("127.0.0.1", 5433, "replicabench", @"p'w\x y", "replica2");

        Assert.Equal(@"host='127.0.0.1' port='5433' user='replicabench' password='p\'w\\x y' application_name='replica2'", conninfo);
        Assert.Equal("'it''s'", ReplicationConnInfo.SqlLiteral("it's"));
    }

    [Fact]
    public void Containers_reach_the_new_primary_on_its_own_port_with_host_networking_and_by_name_on_a_bridge()
    {
        var node = new TopologyNode("replica1", NodeRole.Primary, "127.0.0.1", 40123, "Host=127.0.0.1");

        Assert.Equal(("127.0.0.1", 40123), ContainerTopologyFaults.ReplicationAddress(ContainerNetworkMode.Host, node));
        Assert.Equal(("replica1", 5432), ContainerTopologyFaults.ReplicationAddress(ContainerNetworkMode.Bridge, node));
    }

    [Fact]
    public void A_container_fault_acts_on_the_container_recorded_for_the_node()
    {
        var details = new ContainerTopologyDetails(
            "abcd1234", "unix:///var/run/docker.sock", "postgres:15", ContainerNetworkMode.Host, null,
            [new ContainerRecord("primary", "id-primary", "replicabench-abcd1234-primary"), new ContainerRecord("replica2", "id-replica2", "replicabench-abcd1234-replica2")]);

        Assert.Equal("id-replica2", ContainerTopologyFaults.ContainerId(details, "replica2"));
        Assert.Throws<TopologyException>(() => ContainerTopologyFaults.ContainerId(details, "replica1"));
    }
}
