using Npgsql;
using ReplicaBench.Cli;
using ReplicaBench.Engine;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.IntegrationTests.Routing;
using ReplicaBench.Topology;
using ReplicaBench.Topology.External;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.External;

/// <summary>
/// Role verification against real servers: the shared local topology given as external endpoints
/// passes; a primary listed as a replica, or a replica listed as the primary, is refused before
/// anything is recorded.
/// </summary>
public sealed class ExternalRoleVerificationTests(SharedTopologyFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_local_topology_given_as_external_endpoints_passes_role_verification()
    {
        var endpoints = new LocalAsExternal(fixture.Topology);

        var topology = await LocalAsExternal.UpAsync(endpoints.Environment());

        Assert.Equal(ExternalTopologyProvider.ProviderName, topology.Provider);
        Assert.Equal(["primary", "replica1", "replica2"], topology.Nodes.Select(n => n.Name));
        Assert.Equal([NodeRole.Primary, NodeRole.Replica, NodeRole.Replica], topology.Nodes.Select(n => n.Role));
        Assert.False(topology.WritesAllowed);
        Assert.Equal(fixture.Topology.ServerVersion, topology.ServerVersion);
        Assert.Equal(SharedTopologyFixture.Replica2ApplyDelay.TotalMilliseconds, topology.FindNode("replica2")!.ApplyDelayMs);
        Assert.Equal(ExternalPassword.PasswordVariable, topology.External!.PasswordSource);
        Assert.Equal(["primary, replica1, replica2 answered without TLS (sslMode prefer); use verify-full with a CA bundle to require TLS and check the server."], topology.External.Notes);
        foreach (var node in topology.Nodes)
        {
            await using var connection = new NpgsqlConnection(node.ConnectionString);
            await connection.OpenAsync(Token);
            await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
            Assert.Equal(node.Role == NodeRole.Replica, (bool)(await command.ExecuteScalarAsync(Token))!);
        }
    }

    [Fact]
    public async Task Replica_names_the_primary_does_not_report_in_pg_stat_replication_are_noted()
    {
        var endpoints = new LocalAsExternal(fixture.Topology);

        var topology = await LocalAsExternal.UpAsync(endpoints.Environment(replicas: $"east={endpoints.Address("replica1")}"));

        Assert.Contains(
            "the primary's pg_stat_replication has no application_name east (it lists replica1, replica2); name replicas as it does so server-reported lag lines up with each replica.",
            topology.External!.Notes);
    }

    [Fact]
    public async Task A_primary_listed_as_a_replica_is_refused_because_it_accepts_writes()
    {
        var endpoints = new LocalAsExternal(fixture.Topology);
        // A second address for the primary, as a mistyped DNS name or CNAME would give.
        await using var alias = new TcpForwarder(FreeTcpPorts.Take(1)[0], fixture.Topology.Primary.Port);
        alias.Start();

        var ex = await Assert.ThrowsAsync<BadInputException>(() =>
            LocalAsExternal.UpAsync(endpoints.Environment(replicas: $"{endpoints.Address("replica1")},127.0.0.1:{alias.ListenPort}")));

        Assert.Equal(
            $"replica2 at 127.0.0.1:{alias.ListenPort} is configured as a replica but is not in recovery (pg_is_in_recovery() = false): it accepts writes, so it is a primary; list only read replica endpoints under replicas.",
            ex.Message);
    }

    [Fact]
    public async Task A_replica_listed_as_the_primary_is_refused_because_it_is_in_recovery()
    {
        var endpoints = new LocalAsExternal(fixture.Topology);

        var ex = await Assert.ThrowsAsync<BadInputException>(() =>
            LocalAsExternal.UpAsync(endpoints.Environment(primary: endpoints.Address("replica1"), replicas: endpoints.Address("replica2"))));

        Assert.StartsWith($"primary at {endpoints.Address("replica1")} is configured as the primary but is in recovery", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task From_the_command_line_a_refused_endpoint_is_one_line_exit_2_and_no_topology_json()
    {
        var endpoints = new LocalAsExternal(fixture.Topology);
        var stateDir = Directory.CreateTempSubdirectory("rb-it-ext-").FullName;
        try
        {
            var (code, stdout, stderr) = await CliProcess.RunAsync(
                ["topology", "up", "--provider", "external", "--state-dir", stateDir],
                endpoints.Environment(primary: endpoints.Address("replica2"), replicas: endpoints.Address("replica1")));

            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("is in recovery", stderr, StringComparison.Ordinal);
            Assert.Empty(stdout);
            Assert.False(new TopologyStateDirectory(stateDir).HasTopology);
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }
}
