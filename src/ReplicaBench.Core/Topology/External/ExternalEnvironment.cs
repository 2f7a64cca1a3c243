using ReplicaBench.Configuration;

namespace ReplicaBench.Topology.External;

/// <summary>
/// The environment variables that configure the external provider, alone or on top of a config
/// file (a variable that is set overrides the file's field). Useful in CI, where endpoints come
/// from repository secrets. Passwords are separate: see <see cref="ExternalPassword"/>.
/// </summary>
public static class ExternalEnvironment
{
    /// <summary><c>host[:port]</c> of the primary.</summary>
    public const string Primary = "REPLICABENCH_PRIMARY";

    /// <summary>Comma-separated <c>[name=]host[:port]</c> of the replicas; names default to replica1..N.</summary>
    public const string Replicas = "REPLICABENCH_REPLICAS";

    public const string Database = "REPLICABENCH_DATABASE";

    public const string User = "REPLICABENCH_USER";

    /// <summary>disable, allow, prefer, require, verify-ca or verify-full.</summary>
    public const string SslMode = "REPLICABENCH_SSLMODE";

    /// <summary>Path of the CA bundle (PEM), e.g. the RDS global-bundle.pem.</summary>
    public const string SslRootCert = "REPLICABENCH_SSLROOTCERT";

    /// <summary><c>true</c>/<c>false</c>: the environment form of the config file's <c>allowWrites</c>.</summary>
    public const string AllowWrites = "REPLICABENCH_ALLOW_WRITES";

    /// <summary>A duration such as <c>5s</c>.</summary>
    public const string ConnectTimeout = "REPLICABENCH_CONNECT_TIMEOUT";

    /// <summary><c>none</c>, <c>pgbouncer</c> or <c>rds-proxy</c>: the pooler the endpoints belong to.</summary>
    public const string Pooler = "REPLICABENCH_POOLER";

    /// <summary><c>password</c> (default) or <c>iam</c>: the environment form of the config file's <c>auth</c>.</summary>
    public const string Auth = "REPLICABENCH_AUTH";

    /// <summary>With <c>auth: iam</c>, the AWS region to sign tokens for (the config file's <c>region</c>).</summary>
    public const string Region = "REPLICABENCH_REGION";

    /// <summary>Selects the provider for <c>topology up</c> when <c>--provider</c> is not given.</summary>
    public const string Provider = "REPLICABENCH_PROVIDER";

    /// <summary>
    /// Each variable under the <see cref="ExternalTopologyOptions"/> key it sets. A fixed list rather
    /// than every <c>REPLICABENCH_*</c> variable: others (<c>REPLICABENCH_PASSWORD</c>,
    /// <c>REPLICABENCH_STATE_DIR</c>, ...) are not topology settings and must not become unknown keys.
    /// </summary>
    private static readonly (string Key, string Variable)[] Keys =
    [
        ("primary", Primary),
        ("replicas", Replicas),
        ("database", Database),
        ("user", User),
        ("sslMode", SslMode),
        ("sslRootCert", SslRootCert),
        ("allowWrites", AllowWrites),
        ("connectTimeout", ConnectTimeout),
        ("pooler", Pooler),
        ("auth", Auth),
        ("region", Region),
    ];

    /// <summary>The variables that are set (non-blank), as a configuration source that names each by its variable.</summary>
    internal static NamedSettings Settings(Func<string, string?> environment) =>
        new(Keys.Select(k => (k.Key, k.Variable, environment(k.Variable))));
}
