using System.Security.Cryptography.X509Certificates;
using Npgsql;
using ReplicaBench.Topology.External;
using ReplicaBench.Topology.Tls;

namespace ReplicaBench.Tests.Topology.Tls;

/// <summary>What the external provider says about a certificate Npgsql refused: name, CA or dates.</summary>
public sealed class ServerCertificateCheckTests : IDisposable
{
    private static readonly DateTimeOffset Made = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();
    private readonly TopologyCertificates _certificates = TopologyCertificates.Create(Made, "0a1b2c3d");
    private readonly X509Certificate2 _server;
    private readonly string _ca;
    private readonly string _otherCa;

    public ServerCertificateCheckTests()
    {
        _server = X509Certificate2.CreateFromPem(_certificates.ServerCertificatePem);
        _ca = _temp.Combine("ca.pem");
        File.WriteAllText(_ca, _certificates.CaCertificatePem);
        _otherCa = _temp.Combine("other-ca.pem");
        File.WriteAllText(_otherCa, TopologyCertificates.Create(Made, "ffffffff").CaCertificatePem);
    }

    public void Dispose()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void A_name_the_certificate_lists_with_its_CA_is_fine(string host) =>
        Assert.Null(ServerCertificateCheck.Describe(_server, host, SslMode.VerifyFull, _ca, Made.AddDays(1)));

    [Fact]
    public void Another_name_is_a_host_name_mismatch_listing_the_names_the_certificate_is_for() =>
        Assert.Equal(
            "the server's certificate does not match the host name: it is for localhost, 127.0.0.1, ::1, not 127.0.0.2 (sslMode verify-full); connect by a name the certificate lists, or fix the server's certificate",
            ServerCertificateCheck.Describe(_server, "127.0.0.2", SslMode.VerifyFull, _ca, Made.AddDays(1)));

    [Fact]
    public void Verify_ca_does_not_check_the_name() =>
        Assert.Null(ServerCertificateCheck.Describe(_server, "127.0.0.2", SslMode.VerifyCA, _ca, Made.AddDays(1)));

    [Fact]
    public void A_bundle_without_the_issuer_says_so_and_names_the_issuer() =>
        Assert.Equal(
            $"the server's certificate is not signed by a CA in {_otherCa}: it was issued by CN=ReplicaBench topology 0a1b2c3d CA (sslMode verify-full); give as sslRootCert the bundle that holds that CA (for RDS: global-bundle.pem from the AWS documentation)",
            ServerCertificateCheck.Describe(_server, "localhost", SslMode.VerifyFull, _otherCa, Made.AddDays(1)));

    [Fact]
    public void After_30_days_the_certificate_has_expired_and_that_comes_first() =>
        Assert.Equal(
            "the server's certificate expired on 2027-01-05 08:00 UTC (sslMode verify-full); renew the server's certificate",
            ServerCertificateCheck.Describe(_server, "127.0.0.2", SslMode.VerifyFull, _otherCa, Made.AddDays(30).AddSeconds(1)));

    [Fact]
    public void Before_its_start_the_certificate_is_not_yet_valid() =>
        Assert.Equal(
            "the server's certificate is not valid before 2026-12-06 07:59 UTC (sslMode verify-full); check this machine's clock and the server's",
            ServerCertificateCheck.Describe(_server, "localhost", SslMode.VerifyFull, _ca, Made.AddMinutes(-2)));
}
