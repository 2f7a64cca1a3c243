using ReplicaBench.Configuration;

namespace ReplicaBench.Topology.External;

/// <summary>
/// The external provider's settings as the user gives them: in the <c>--config</c> JSON file, in
/// <c>REPLICABENCH_*</c> variables (see <see cref="ExternalEnvironment"/>), or both, a variable
/// overriding the file's field. <see cref="ExternalConfigLoader"/> binds, checks
/// (<see cref="ExternalTopologyOptionsValidator"/>) and freezes them into an <see cref="ExternalTopologyConfig"/>.
/// There is no password here on purpose: a <c>password</c> field is refused (see docs/external.md).
/// </summary>
/// <remarks>
/// <code>
/// {
///   "primary":  { "host": "db.abc123.eu-west-1.rds.amazonaws.com", "port": 5432 },
///   "replicas": [ { "name": "replica1", "host": "db-r1.abc123.eu-west-1.rds.amazonaws.com" }, "replica2=db-r2...:5432" ],
///   "database": "app",
///   "user": "replicabench",
///   "sslMode": "verify-full",
///   "sslRootCert": "global-bundle.pem",
///   "allowWrites": false,
///   "connectTimeout": "5s",
///   "pooler": "none",
///   "auth": "password"
/// }
/// </code>
/// </remarks>
public sealed class ExternalTopologyOptions
{
    /// <summary>The writable endpoint (for RDS: the source instance). Required.</summary>
    public ExternalEndpointOptions? Primary { get; set; }

    /// <summary>Read replica endpoints, in order; in a variable, comma-separated <c>[name=]host[:port]</c>.</summary>
    /// <value>Default none.</value>
    public CommaSeparatedList<ExternalEndpointOptions> Replicas { get; set; } = [];

    /// <summary>The database to connect to on every endpoint. Required.</summary>
    public string? Database { get; set; }

    /// <summary>The role to connect as. Required.</summary>
    public string? User { get; set; }

    /// <summary>libpq's spelling: disable, allow, prefer, require, verify-ca or verify-full.</summary>
    /// <value>Default <c>prefer</c>, or <c>verify-full</c> when <see cref="SslRootCert"/> is given.</value>
    public string? SslMode { get; set; }

    /// <summary>CA bundle (PEM) to check server certificates against; in the file, relative to the file's folder.</summary>
    public string? SslRootCert { get; set; }

    /// <summary>Whether the suite may write inside its own schema on the primary (<c>--allow-writes</c> turns it on too).</summary>
    /// <value>Default false: nothing is written to servers the suite did not start.</value>
    public bool AllowWrites { get; set; }

    /// <summary>How the suite logs in: <c>password</c>, or <c>iam</c> for RDS IAM authentication (a fresh token per new connection, no password).</summary>
    /// <value>Default <c>password</c>.</value>
    public string? Auth { get; set; }

    /// <summary>With <c>auth: iam</c>, the AWS region to sign tokens for.</summary>
    /// <value>Default <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>, else the region in each RDS endpoint's name.</value>
    public string? Region { get; set; }

    /// <summary>How long each endpoint has to accept a connection, a duration from 1s to 60s.</summary>
    /// <value>Default 5s (<see cref="ExternalTopologyConfig.DefaultConnectTimeout"/>).</value>
    public string ConnectTimeout { get; set; } = DurationParser.Format(ExternalTopologyConfig.DefaultConnectTimeout);

    /// <summary>
    /// The transaction pooler the endpoints belong to: <c>none</c>, <c>pgbouncer</c> or <c>rds-proxy</c>
    /// (then the primary is the pooler's writer endpoint and the replicas its reader endpoints).
    /// </summary>
    /// <value>Default <c>none</c>: the endpoints are the servers.</value>
    public string? Pooler { get; set; }
}
