using System.Text.Json;
using Npgsql;
using ReplicaBench.IntegrationTests.External;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;
using ReplicaBench.Topology.Tls;

namespace ReplicaBench.IntegrationTests.Topology;

/// <summary>
/// <c>topology up --tls</c> on real local servers: topology.json records the CA's absolute path, every
/// connection the suite makes is verify-full against it and encrypted (as the server sees it in
/// <c>pg_stat_ssl</c>), the replica streams over TLS, and certificates that cannot be written are
/// refused in one line with nothing left behind.
/// </summary>
public sealed class TlsTopologyTests(TlsTopologyFixture tls) : IClassFixture<TlsTopologyFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Topology_json_records_the_CA_as_an_absolute_path_in_the_state_dir()
    {
        _ = tls.Topology;
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(tls.State.TopologyFile, Token));

        var caFile = json.RootElement.GetProperty("tls").GetProperty("caFile").GetString()!;
        Assert.True(Path.IsPathFullyQualified(caFile), caFile);
        Assert.Equal(Path.Combine(tls.State.Path, TopologyTlsDetails.CaFileName), caFile);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", await File.ReadAllTextAsync(caFile, Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_node_connection_string_verifies_the_server_against_the_CA_and_the_session_is_encrypted()
    {
        foreach (var node in tls.Topology.Nodes)
        {
            var settings = new NpgsqlConnectionStringBuilder(node.ConnectionString);
            Assert.Equal((SslMode.VerifyFull, tls.CaBundle), (settings.SslMode, settings.RootCertificate));

            await using var connection = new NpgsqlConnection(node.ConnectionString);
            await connection.OpenAsync(Token);
            await using var command = new NpgsqlCommand("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", connection);
            Assert.True((bool)(await command.ExecuteScalarAsync(Token))!, node.Name);
        }
    }

    [Fact]
    public async Task The_replica_streams_from_the_primary_over_TLS()
    {
        await using var connection = new NpgsqlConnection(tls.Topology.Primary.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(
            "SELECT r.application_name, s.ssl FROM pg_stat_replication r JOIN pg_stat_ssl s USING (pid)", connection);
        await using var reader = await command.ExecuteReaderAsync(Token);

        Assert.True(await reader.ReadAsync(Token));
        Assert.Equal(("replica1", true), (reader.GetString(0), reader.GetBoolean(1)));
    }

    [Fact]
    public async Task Status_reaches_every_node_through_verify_full_and_names_the_CA()
    {
        _ = tls.Topology;

        var (code, stdout, stderr) = await CliProcess.RunAsync(["topology", "status", "--state-dir", tls.State.Path]);

        Assert.True(code == 0, stderr);
        Assert.Contains($"TLS: every node verified (verify-full) against the topology's CA {tls.CaBundle}.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Down_removes_the_CA_file_with_topology_json()
    {
        PostgresRequirement.Ensure();
        using var folders = new OwnTopologyFolders();
        var topology = await TopologyLifecycle.UpAsync(
            new LocalTopologyProvider(TimeProvider.System, folders.DataParent), new TopologyRequest(0) { Tls = true }, folders.State, Token);
        Assert.True(File.Exists(topology.Tls!.CaFile));

        await TopologyLifecycle.DownAsync(folders.State, Token);

        Assert.False(File.Exists(topology.Tls.CaFile));
        Assert.Empty(Directory.GetFileSystemEntries(folders.DataParent));
    }

    [Fact]
    public async Task A_CA_file_that_cannot_be_written_is_refused_in_one_line_with_exit_2_and_nothing_left()
    {
        PostgresRequirement.Ensure();
        using var folders = new OwnTopologyFolders();
        // A folder where the CA file goes: writing it fails whoever we are (root included).
        var caFile = Path.Combine(folders.State.Path, TopologyTlsDetails.CaFileName);
        Directory.CreateDirectory(caFile);
        var environment = new Dictionary<string, string> { [LocalTopologyProvider.DataRootEnvironmentVariable] = folders.DataParent };

        var (code, _, stderr) = await CliProcess.RunAsync(["topology", "up", "--tls", "--replicas", "0", "--state-dir", folders.State.Path], environment);

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"replicabench: --tls: cannot write the topology's certificate file {caFile} (", line, StringComparison.Ordinal);
        Assert.EndsWith("); make its folder writable (--state-dir for the CA, REPLICABENCH_DATA_DIR for the servers' key) or drop --tls.", line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folders.DataParent));
        Assert.False(folders.State.HasTopology);
    }
}
