using System.Diagnostics;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Containers;

namespace ReplicaBench.IntegrationTests.Containers;

/// <summary>A primary and two streaming replicas in containers (replica2 delayed 300 ms), shared by these tests.</summary>
public sealed class ContainerTopologyTests(ContainerTopologyFixture fixture) : IClassFixture<ContainerTopologyFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_node_runs_in_its_own_labelled_container_on_its_own_loopback_port()
    {
        var topology = fixture.Topology;
        var details = topology.Containers!;

        Assert.Equal(ContainersTopologyProvider.ProviderName, topology.Provider);
        Assert.Equal(["primary", "replica1", "replica2"], details.Containers.Select(c => c.Node));
        Assert.All(topology.Nodes, n => Assert.Equal("127.0.0.1", n.Host));
        Assert.Equal(3, topology.Nodes.Select(n => n.Port).Distinct().Count());
        Assert.Null(details.NetworkName);
        Assert.StartsWith("15", topology.ServerVersion, StringComparison.Ordinal);
        TestContext.Current.SendDiagnosticMessage($"container topology up (primary + 2 replicas): {fixture.UpTime.TotalSeconds:0.0} s");

        using var engine = await DockerEngine.ConnectAsync(Token);
        var running = await engine.ContainersWithLabelAsync(ContainerLabels.Topology, details.TopologyId, Token);
        Assert.Equal(details.Containers.Select(c => c.Id).Order(), running.Select(c => c.ID).Order());
        Assert.All(running, c => Assert.Equal("running", c.State));
        Assert.All(running, c => Assert.Equal(fixture.StateDirectory.Path, c.Labels[ContainerLabels.StateDirectory]));
        Assert.Equal(
            ["primary:primary", "replica1:replica", "replica2:replica"],
            running.Select(c => $"{c.Labels[ContainerLabels.Node]}:{c.Labels[ContainerLabels.Role]}").Order());
    }

    [Fact]
    public async Task Both_replicas_stream_from_the_primary_under_their_own_names()
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
        await ReplicationAssertions.ApplyDelayHoldsOnlyOnAsync(fixture.Topology, "replica2", "replica1", ContainerTopologyFixture.Replica2ApplyDelay, Token);
    }

    [Fact]
    public async Task The_password_is_in_no_container_setting_and_no_container_log()
    {
        var topology = fixture.Topology;
        var password = new Npgsql.NpgsqlConnectionStringBuilder(topology.Primary.ConnectionString).Password!;

        foreach (var container in topology.Containers!.Containers)
        {
            var inspect = await DockerCli.RunAsync(["inspect", container.Id], Token);
            var logs = await DockerCli.RunAsync(["logs", container.Id], Token);

            Assert.Equal(0, inspect.Code);
            Assert.Contains("\"NetworkMode\": \"host\"", inspect.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(password, inspect.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(password, logs.Stdout + logs.Stderr, StringComparison.Ordinal);
        }
    }
}
