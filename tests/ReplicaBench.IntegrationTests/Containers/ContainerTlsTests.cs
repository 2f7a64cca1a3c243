using Npgsql;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;

namespace ReplicaBench.IntegrationTests.Containers;

/// <summary>
/// <c>topology up --provider containers --tls</c>: the container servers present the topology's
/// certificate (their copy of the key is the server user's, mode 0600, or PostgreSQL would not
/// start), the suite's sessions are verify-full against the CA and encrypted, and the replica streams
/// over TLS.
/// </summary>
public sealed class ContainerTlsTests() : OwnContainersTestBase("rb-it-containers-tls-")
{
    [Fact]
    public async Task Every_container_server_speaks_TLS_with_the_topologys_certificate()
    {
        DockerRequirement.Ensure(Unavailable);
        var up = await CliProcess.RunAsync(
            ["topology", "up", "--provider", "containers", "--image", DockerRequirement.Image, "--replicas", "1", "--tls", "--state-dir", StateDir]);
        Assert.True(up.Code == 0, up.Stderr);
        var topology = new TopologyStateDirectory(StateDir).Read();
        try
        {
            Assert.Equal(Path.Combine(StateDir, "tls-ca.pem"), topology.Tls!.CaFile);
            foreach (var node in topology.Nodes)
            {
                var settings = new NpgsqlConnectionStringBuilder(node.ConnectionString);
                Assert.Equal((SslMode.VerifyFull, topology.Tls.CaFile), (settings.SslMode, settings.RootCertificate));
                Assert.True(await ScalarAsync<bool>(node.ConnectionString, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"), node.Name);
            }

            Assert.True(await ScalarAsync<bool>(
                topology.Primary.ConnectionString, "SELECT s.ssl FROM pg_stat_replication r JOIN pg_stat_ssl s USING (pid) WHERE r.application_name = 'replica1'"));
        }
        finally
        {
            var down = await CliProcess.RunAsync(["topology", "down", "--state-dir", StateDir]);
            Assert.True(down.Code == 0, down.Stderr);
        }

        Assert.False(File.Exists(topology.Tls.CaFile));
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Token))!;
    }
}
