using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ReplicaBench.Topology.Tls;

namespace ReplicaBench.Tests.Topology.Tls;

/// <summary>The CA and server certificate <c>topology up --tls</c> makes: what they say, and that one verifies the other.</summary>
public sealed class TopologyCertificatesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    private static readonly TopologyCertificates Made = TopologyCertificates.Create(Now, "0a1b2c3d");

    [Fact]
    public void The_CA_is_a_CA_that_may_sign_certificates_and_nothing_below_it_may()
    {
        using var ca = X509Certificate2.CreateFromPem(Made.CaCertificatePem);

        var constraints = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
        Assert.Equal(0, constraints.PathLengthConstraint);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal("CN=ReplicaBench topology 0a1b2c3d CA", ca.Subject);
        Assert.Equal(ca.Subject, ca.Issuer);
    }

    [Fact]
    public void The_server_certificate_names_localhost_and_both_loopback_addresses_and_only_them()
    {
        using var server = X509Certificate2.CreateFromPem(Made.ServerCertificatePem);

        var names = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["localhost"], names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], names.EnumerateIPAddresses());
        Assert.False(server.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], server.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        Assert.Equal("CN=ReplicaBench topology 0a1b2c3d CA", server.Issuer);
    }

    [Fact]
    public void Both_are_valid_from_a_minute_before_now_for_30_days()
    {
        using var ca = X509Certificate2.CreateFromPem(Made.CaCertificatePem);
        using var server = X509Certificate2.CreateFromPem(Made.ServerCertificatePem);

        // X.509 times have whole seconds and Now has none below, so the equality is exact.
        foreach (var certificate in (X509Certificate2[])[ca, server])
        {
            Assert.Equal(Now.UtcDateTime.AddMinutes(-1), certificate.NotBefore.ToUniversalTime());
            Assert.Equal(Now.UtcDateTime.AddDays(30), certificate.NotAfter.ToUniversalTime());
        }
    }

    [Fact]
    public void The_server_certificate_chains_to_its_own_CA_and_not_to_another_topologys()
    {
        using var server = X509Certificate2.CreateFromPem(Made.ServerCertificatePem);
        using var ca = X509Certificate2.CreateFromPem(Made.CaCertificatePem);
        using var otherCa = X509Certificate2.CreateFromPem(TopologyCertificates.Create(Now, "ffffffff").CaCertificatePem);

        Assert.True(Chains(server, ca));
        Assert.False(Chains(server, otherCa));
    }

    [Fact]
    public void The_key_is_the_server_certificates_own_in_PKCS8_PEM()
    {
        using var server = X509Certificate2.CreateFromPem(Made.ServerCertificatePem, Made.ServerKeyPem);

        Assert.True(server.HasPrivateKey);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", Made.ServerKeyPem, StringComparison.Ordinal);
    }

    [Fact]
    public void Printing_the_certificates_never_shows_the_key() =>
        Assert.DoesNotContain("PRIVATE KEY", Made.ToString(), StringComparison.Ordinal);

    private static bool Chains(X509Certificate2 server, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.UtcDateTime.AddDays(1);
        return chain.Build(server);
    }
}
