using Npgsql;
using ReplicaBench.Topology;
using ReplicaBench.Topology.External;

namespace ReplicaBench.IntegrationTests.External;

/// <summary>
/// TLS options reach the connection: against a local server with a self-signed CA, sslmode=require
/// encrypts, disable does not, verify-full passes with the right CA bundle and fails clearly with a
/// wrong one. Encryption is read from the server's own view, <c>pg_stat_ssl</c>.
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
    public async Task Sslmode_verify_full_with_a_wrong_CA_bundle_fails_in_one_clear_line()
    {
        var ex = await Assert.ThrowsAsync<BadInputException>(() => UpAsync("verify-full", tls.OtherCaBundle));

        Assert.Equal(
            $"primary at {tls.Topology.Primary.Host}:{tls.Topology.Primary.Port}: TLS failed: the server certificate was rejected (not signed by a CA in the bundle, or not issued for this host name); check sslMode (verify-full) and sslRootCert ({tls.OtherCaBundle}); for RDS use global-bundle.pem from the AWS documentation.",
            ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    private Task<TopologyDescriptor> UpAsync(string sslMode, string? caBundle = null)
    {
        var environment = new LocalAsExternal(tls.Topology).Environment();
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
