using System.Security.Cryptography;
using Npgsql;
using ReplicaBench.Topology.Tls;

namespace ReplicaBench.Topology;

/// <summary>
/// The login the suite makes on the servers it starts itself (local processes and containers): one
/// superuser with a password generated per topology, reached on loopback.
/// </summary>
internal static class SuiteLogin
{
    /// <summary>The superuser the suite connects as.</summary>
    public const string UserName = "replicabench";

    /// <summary>A fresh 32-character password; URL- and connection-string-safe (no '+' or '/').</summary>
    public static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', 'x').Replace('/', 'y');

    /// <summary>
    /// The connection string of a node on loopback, with a short connect timeout so a dead node fails
    /// fast. With a topology CA (<c>--tls</c>) it verifies the server as a client of RDS would:
    /// <c>verify-full</c> against that CA, so every connection the suite makes is encrypted and checked.
    /// </summary>
    public static string ConnectionString(int port, string password, string database, TopologyTlsDetails? tls = null)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = UserName,
            Password = password,
            Database = database,
            Timeout = 5,
        };
        if (tls is not null)
        {
            builder.SslMode = SslMode.VerifyFull;
            builder.RootCertificate = tls.CaFile;
        }

        return builder.ConnectionString;
    }
}
