using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ReplicaBench.Topology.Tls;

/// <summary>
/// A certificate authority made for one topology and the one server certificate it signs, in PEM:
/// what <c>topology up --tls</c> gives its servers. The server certificate names every way the suite
/// reaches a server on this machine (DNS <c>localhost</c>, IP <c>127.0.0.1</c> and <c>::1</c>), so
/// clients can use <c>sslmode=verify-full</c> against the CA, as they would against RDS with the AWS
/// bundle. ECDSA P-256: PostgreSQL 11+ and every supported OpenSSL accept it, and it signs fast.
/// </summary>
/// <param name="CaCertificatePem">The CA's certificate: the file clients trust (<c>sslrootcert</c>).</param>
/// <param name="ServerCertificatePem">The servers' certificate (<c>ssl_cert_file</c>).</param>
/// <param name="ServerKeyPem">The servers' private key, PKCS#8 (<c>ssl_key_file</c>); mode 0600 and owned by the server's user.</param>
public sealed record TopologyCertificates(string CaCertificatePem, string ServerCertificatePem, string ServerKeyPem)
{
    /// <summary>How long the certificates are valid: longer than any benchmark, short enough that a forgotten CA is dead soon.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(30);

    /// <summary>The names the server certificate is issued for (its subject alternative names).</summary>
    public const string DnsName = "localhost";

    public static readonly IReadOnlyList<IPAddress> IpAddresses = [IPAddress.Loopback, IPAddress.IPv6Loopback];

    /// <summary>Without the key: a record's generated ToString would print every member, the private key included.</summary>
    public override string ToString() => "TopologyCertificates { CA and server certificate; key not shown }";

    /// <summary>Makes a fresh CA and a server certificate it signed, valid from a minute before <paramref name="now"/>.</summary>
    /// <param name="now">The current time (a minute's slack before it absorbs clock skew between processes).</param>
    /// <param name="topologyId">Goes into the subjects, so a user can tell which topology a certificate belongs to.</param>
    public static TopologyCertificates Create(DateTimeOffset now, string topologyId)
    {
        var notBefore = now - TimeSpan.FromMinutes(1);
        var notAfter = now + Validity;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN=ReplicaBench topology {topologyId} CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest($"CN={DnsName}", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(DnsName);
        foreach (var address in IpAddresses)
        {
            names.AddIpAddress(address);
        }

        serverRequest.CertificateExtensions.Add(names.Build(critical: false));
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a DER INTEGER with the top bit set is negative; RFC 5280 wants serials positive
        using var server = serverRequest.Create(ca, notBefore, notAfter, serial);

        // The CA's private key dies with this method on purpose: nothing is kept that could sign
        // another certificate, so trusting this CA means trusting exactly this topology's servers.
        return new TopologyCertificates(ca.ExportCertificatePem() + "\n", server.ExportCertificatePem() + "\n", serverKey.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
