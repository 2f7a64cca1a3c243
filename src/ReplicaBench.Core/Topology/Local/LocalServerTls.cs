using ReplicaBench.Topology.Tls;

namespace ReplicaBench.Topology.Local;

/// <summary>
/// <c>--tls</c> for local servers: a CA made for the topology (its certificate in the state dir),
/// and the server certificate and key in the data root, the key mode 0600 and owned by the servers'
/// OS user (PostgreSQL refuses a key anyone else can read). Every server of the topology presents the
/// same certificate: it names localhost and the loopback addresses, which is where they all listen.
/// </summary>
internal static class LocalServerTls
{
    public const string CertificateFileName = "server.crt";

    public const string KeyFileName = "server.key";

    /// <summary>Writes the certificates before any server exists; null without <c>--tls</c>.</summary>
    public static TopologyTlsDetails? Prepare(bool tls, DateTimeOffset now, string stateDirectory, string dataRoot, string? osUser)
    {
        if (!tls)
        {
            return null;
        }

        var certificates = TopologyCertificates.Create(now, LocalDataRoot.TopologyId(dataRoot));
        var details = TopologyTlsFiles.WriteCa(certificates, stateDirectory);
        var certificate = Path.Combine(dataRoot, CertificateFileName);
        var key = Path.Combine(dataRoot, KeyFileName);
        TopologyTlsFiles.Write(certificate, () => LocalDataRoot.WritePrivateFile(certificate, certificates.ServerCertificatePem, osUser));
        TopologyTlsFiles.Write(key, () => LocalDataRoot.WritePrivateFile(key, certificates.ServerKeyPem, osUser));
        return details;
    }
}
