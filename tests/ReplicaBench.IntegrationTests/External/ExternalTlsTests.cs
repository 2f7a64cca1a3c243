using System.Net;
using System.Security.Cryptography.X509Certificates;
using Npgsql;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.External;

namespace ReplicaBench.IntegrationTests.External;

/// <summary>
/// TLS options reach the connection: against a local <c>--tls</c> topology, sslmode=require
/// encrypts, disable does not, verify-full passes with the topology's CA and refuses, in one line
/// saying what did not match, a wrong CA or a host name the certificate does not list. Encryption is
/// read from the server's own view, <c>pg_stat_ssl</c>.
/// </summary>
public sealed class ExternalTlsTests(TlsTopologyFixture tls) : IClassFixture<TlsTopologyFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sslmode_require_encrypts_the_session()
    {
        var topology = await UpAsync("require");

        Assert.True(await SessionIsEncryptedAsync(topology));
        Assert.Equal("require", topology.External!.SslMode);
        Assert.DoesNotContain(topology.External.Notes, n => n.Contains("without TLS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sslmode_disable_does_not_encrypt_the_session()
    {
        var topology = await UpAsync("disable");

        Assert.False(await SessionIsEncryptedAsync(topology));
    }

    [Fact]
    public async Task Sslmode_verify_full_with_the_CA_that_signed_the_server_certificate_connects_encrypted()
    {
        var topology = await UpAsync("verify-full", tls.CaBundle);

        Assert.True(await SessionIsEncryptedAsync(topology));
        Assert.Equal(tls.CaBundle, topology.External!.SslRootCert);
    }

    [Fact]
    public async Task Sslmode_verify_full_with_a_wrong_CA_bundle_says_the_certificate_is_not_signed_by_a_CA_in_it()
    {
        var ex = await Assert.ThrowsAsync<BadInputException>(() => UpAsync("verify-full", tls.OtherCaBundle));

        Assert.Equal(
            $"primary at {tls.Topology.Primary.Host}:{tls.Topology.Primary.Port}: the server's certificate is not signed by a CA in {tls.OtherCaBundle}: it was issued by {CaSubject()} (sslMode verify-full); give as sslRootCert the bundle that holds that CA (for RDS: global-bundle.pem from the AWS documentation) (1 more endpoint(s) failed too).",
            ex.Message);
    }

    [Fact]
    public async Task Sslmode_verify_full_by_an_address_the_certificate_does_not_list_says_which_names_it_lists()
    {
        // The same primary reached as 127.0.0.2 (loopback on Linux, not in the certificate).
        using var forwarder = new LoopbackForwarder(IPAddress.Parse("127.0.0.2"), tls.Topology.Primary.Port);

        var ex = await Assert.ThrowsAsync<BadInputException>(() => UpAsync("verify-full", tls.CaBundle, primary: $"127.0.0.2:{forwarder.Port}", replicas: string.Empty));

        Assert.Equal(
            $"primary at 127.0.0.2:{forwarder.Port}: the server's certificate does not match the host name: it is for localhost, 127.0.0.1, ::1, not 127.0.0.2 (sslMode verify-full); connect by a name the certificate lists, or fix the server's certificate.",
            ex.Message);
    }

    [Fact]
    public async Task Sslmode_verify_full_by_localhost_connects_to_every_node()
    {
        var local = tls.Topology;
        var topology = await UpAsync(
            "verify-full", tls.CaBundle, primary: $"localhost:{local.Primary.Port}", replicas: $"replica1=localhost:{local.Replicas[0].Port}");

        Assert.True(await SessionIsEncryptedAsync(topology));
        Assert.Equal(["localhost", "localhost"], topology.Nodes.Select(n => n.Host));
    }

    [Fact]
    public async Task The_command_line_refuses_a_wrong_CA_with_exit_2_and_one_line_naming_the_host()
    {
        var environment = new LocalAsExternal(tls.Topology).Environment();
        environment[ExternalEnvironment.SslMode] = "verify-full";
        environment[ExternalEnvironment.SslRootCert] = tls.OtherCaBundle;
        var state = Directory.CreateTempSubdirectory("rb-it-tls-cli-").FullName;
        try
        {
            var (code, _, stderr) = await CliProcess.RunAsync(["topology", "up", "--provider", "external", "--state-dir", state], environment);

            Assert.Equal(2, code);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"replicabench: primary at 127.0.0.1:{tls.Topology.Primary.Port}: the server's certificate is not signed by a CA in {tls.OtherCaBundle}", line, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(state, TopologyStateDirectory.FileName)));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private string CaSubject()
    {
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(tls.CaBundle));
        return ca.Subject;
    }

    private Task<TopologyDescriptor> UpAsync(string sslMode, string? caBundle = null, string? primary = null, string? replicas = null)
    {
        var environment = new LocalAsExternal(tls.Topology).Environment(primary: primary, replicas: replicas);
        environment[ExternalEnvironment.SslMode] = sslMode;
        if (caBundle is not null)
        {
            environment[ExternalEnvironment.SslRootCert] = caBundle;
        }

        return LocalAsExternal.UpAsync(environment);
    }

    private static async Task<bool> SessionIsEncryptedAsync(TopologyDescriptor topology)
    {
        await using var connection = new NpgsqlConnection(topology.Primary.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", connection);
        return (bool)(await command.ExecuteScalarAsync(Token))!;
    }
}
