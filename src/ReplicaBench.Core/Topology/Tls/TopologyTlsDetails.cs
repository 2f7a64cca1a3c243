namespace ReplicaBench.Topology.Tls;

/// <summary>
/// A topology's TLS as recorded in topology.json (<c>tls: { caFile }</c>): its servers present a
/// certificate signed by the CA in <paramref name="CaFile"/>, and every node connection string
/// verifies it (<c>SslMode=VerifyFull</c>, <c>Root Certificate</c> = that file).
/// </summary>
/// <param name="CaFile">Absolute path of the topology's CA certificate (PEM) in the state dir; give it to any client as <c>sslrootcert</c>.</param>
public sealed record TopologyTlsDetails(string CaFile)
{
    /// <summary>The CA file's name in the state dir, removed with topology.json on <c>down</c>.</summary>
    public const string CaFileName = "tls-ca.pem";
}
