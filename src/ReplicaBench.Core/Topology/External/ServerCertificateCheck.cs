using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Npgsql;

namespace ReplicaBench.Topology.External;

/// <summary>
/// Says what did not match when Npgsql refused a server's certificate under verify-ca or
/// verify-full: the host name, the CA, or the dates. Npgsql stays the one that decides (it refused);
/// this only looks afterwards, with a TLS handshake of its own that records the certificate the server
/// presents (PostgreSQL starts TLS after an 8-byte SSLRequest) and checks it the way Npgsql does:
/// a chain to a CA in the bundle, then, for verify-full, the host name against the certificate's names.
/// </summary>
internal static class ServerCertificateCheck
{
    /// <summary>PostgreSQL's SSLRequest: length 8, then the code 80877103 (1234 in the high half, 5679 in the low).</summary>
    private static readonly byte[] SslRequest = [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F];

    /// <summary>Fetches the server's certificate and describes the mismatch; null when it cannot tell (then the caller's generic line stands).</summary>
    public static async Task<string?> DiagnoseAsync(
        ExternalEndpoint endpoint, SslMode mode, string rootCertificateFile, DateTimeOffset now, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            using var certificate = await FetchAsync(endpoint, bounded.Token);
            return certificate is null ? null : Describe(certificate, endpoint.Host, mode, rootCertificateFile, now);
        }
        catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException or CryptographicException or OperationCanceledException)
        {
            // The look afterwards is a courtesy: when it fails, Npgsql's own failure is reported.
            return null;
        }
    }

    /// <summary>What about <paramref name="certificate"/> a client with this bundle and mode refuses, as one clause and its fix; null when nothing.</summary>
    internal static string? Describe(X509Certificate2 certificate, string host, SslMode mode, string rootCertificateFile, DateTimeOffset now)
    {
        var how = $"(sslMode {SslModeNames.Format(mode)})";
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        if (now > notAfter)
        {
            return $"the server's certificate expired on {Format(notAfter)} {how}; renew the server's certificate";
        }

        if (now < notBefore)
        {
            return $"the server's certificate is not valid before {Format(notBefore)} {how}; check this machine's clock and the server's";
        }

        if (!ChainsTo(certificate, rootCertificateFile, now))
        {
            return $"the server's certificate is not signed by a CA in {rootCertificateFile}: it was issued by {certificate.Issuer} {how}; give as sslRootCert the bundle that holds that CA (for RDS: global-bundle.pem from the AWS documentation)";
        }

        if (mode == SslMode.VerifyFull && !certificate.MatchesHostname(host, allowWildcards: true, allowCommonName: false))
        {
            return $"the server's certificate does not match the host name: it is for {Names(certificate)}, not {host} {how}; connect by a name the certificate lists, or fix the server's certificate";
        }

        return null;
    }

    /// <summary>The names a certificate is issued for: its DNS and IP subject alternative names.</summary>
    internal static string Names(X509Certificate2 certificate)
    {
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(san => san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(a => a.ToString())))
            .ToList();
        return names.Count > 0 ? string.Join(", ", names) : $"no names (subject {certificate.Subject})";
    }

    private static bool ChainsTo(X509Certificate2 certificate, string rootCertificateFile, DateTimeOffset now)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(rootCertificateFile);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.ExtraStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        try
        {
            return chain.Build(certificate);
        }
        finally
        {
            foreach (var root in roots)
            {
                root.Dispose();
            }
        }
    }

    private static async Task<X509Certificate2?> FetchAsync(ExternalEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
        var stream = tcp.GetStream();
        await stream.WriteAsync(SslRequest, cancellationToken);
        var answer = new byte[1];
        await stream.ReadExactlyAsync(answer, cancellationToken);
        if (answer[0] != (byte)'S')
        {
            return null;
        }

        X509Certificate2? presented = null;
        await using var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = endpoint.Host,
            // Records what the server presents and refuses it: this handshake is for looking, never for talking.
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate is null ? null : new X509Certificate2(certificate);
                return false;
            },
        };
        try
        {
            await tls.AuthenticateAsClientAsync(options, cancellationToken);
        }
        catch (AuthenticationException) when (presented is not null)
        {
            // Expected: the callback refused.
        }

        return presented;
    }

    private static string Format(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
