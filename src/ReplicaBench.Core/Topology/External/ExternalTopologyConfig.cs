using Npgsql;

namespace ReplicaBench.Topology.External;

/// <summary>
/// Where the external endpoints are and how to reach them, validated and frozen. Made by
/// <see cref="ExternalConfigLoader"/> from a JSON file and/or <c>REPLICABENCH_*</c> environment
/// variables. Holds no password on purpose: the password comes from the environment or a password
/// file (<see cref="ExternalPassword"/>), so this record can be logged and printed.
/// </summary>
public sealed record ExternalTopologyConfig
{
    /// <value>Default 5 s: long enough for a cross-region TLS handshake, short enough that a
    /// blocked security group is reported while the user is still looking.</value>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Longest connect timeout accepted; beyond it a typo is likelier than intent.</summary>
    public static readonly TimeSpan MaxConnectTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The writable endpoint (for RDS: the instance endpoint of the source DB instance).</summary>
    public required ExternalEndpoint Primary { get; init; }

    /// <summary>Read replica endpoints in the order given; may be empty.</summary>
    public required IReadOnlyList<ExternalEndpoint> Replicas { get; init; }

    /// <summary>The database to connect to on every endpoint (replicas carry the same databases).</summary>
    public required string Database { get; init; }

    /// <summary>The role to connect as.</summary>
    public required string User { get; init; }

    /// <summary>TLS mode, libpq semantics. Default <c>prefer</c>, or <c>verify-full</c> when a CA bundle is given.</summary>
    public required SslMode SslMode { get; init; }

    /// <summary>CA bundle (PEM) the server certificate is checked against; for RDS the AWS global bundle.</summary>
    public string? SslRootCert { get; init; }

    /// <summary>Whether the suite may create and write its own schema (and nothing else) on the primary.</summary>
    public required bool AllowWrites { get; init; }

    /// <summary>How long to wait for each endpoint to accept a connection.</summary>
    public required TimeSpan ConnectTimeout { get; init; }

    /// <summary>Whether the suite logs in with RDS IAM tokens instead of a password.</summary>
    public bool Iam { get; init; }

    /// <summary>With <see cref="Iam"/>, the region given in the config (<c>region</c> or <c>REPLICABENCH_REGION</c>), else null.</summary>
    public string? Region { get; init; }

    /// <summary>The config file it was read from, if any (for messages and topology.json).</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Every endpoint, the primary first.</summary>
    /// <summary>The transaction pooler the endpoints belong to; <see cref="Poolers.PoolerKind.None"/> when they are the servers.</summary>
    public Poolers.PoolerKind Pooler { get; init; }

    public IEnumerable<ExternalEndpoint> Endpoints => [Primary, .. Replicas];
}
