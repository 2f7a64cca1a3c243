using Npgsql;

namespace ReplicaBench.Topology.External;

/// <summary>
/// The external configuration while it is being assembled: the config file fills it first, then
/// environment variables override field by field; <see cref="Build"/> validates and freezes it.
/// A field left null was not given by any source.
/// </summary>
internal sealed class ExternalConfigDraft
{
    /// <summary>Default name of the n-th replica (1-based) when the configuration gives none.</summary>
    public static string DefaultReplicaName(int ordinal) => TopologyRequest.ReplicaName(ordinal);

    public string? ConfigFile { get; set; }

    public (string Host, int Port)? Primary { get; set; }

    public IReadOnlyList<ExternalEndpoint>? Replicas { get; set; }

    public string? Database { get; set; }

    public string? User { get; set; }

    public SslMode? SslMode { get; set; }

    public string? SslRootCert { get; set; }

    public bool? AllowWrites { get; set; }

    public TimeSpan? ConnectTimeout { get; set; }

    public ExternalTopologyConfig Build()
    {
        var (host, port) = Primary ?? throw Missing("primary", ExternalEnvironment.Primary, "\"primary\": \"host:5432\"");
        var database = Required(Database, "database", ExternalEnvironment.Database, "\"database\": \"app\"");
        var user = Required(User, "user", ExternalEnvironment.User, "\"user\": \"replicabench\"");
        var replicas = Replicas ?? [];
        CheckNames(replicas);

        if (SslRootCert is { } bundle && !File.Exists(bundle))
        {
            throw new BadInputException(
                $"external config: sslRootCert '{bundle}' does not exist; give the path of a PEM CA bundle (for RDS: global-bundle.pem from the AWS documentation).");
        }

        var timeout = ConnectTimeout ?? ExternalTopologyConfig.DefaultConnectTimeout;
        if (timeout < TimeSpan.FromSeconds(1) || timeout > ExternalTopologyConfig.MaxConnectTimeout)
        {
            throw new BadInputException(
                $"external config: connectTimeout {Configuration.DurationParser.Format(timeout)} is out of range; use 1s to {ExternalTopologyConfig.MaxConnectTimeout.TotalSeconds:0}s.");
        }

        return new ExternalTopologyConfig
        {
            Primary = new ExternalEndpoint("primary", host, port),
            Replicas = replicas,
            Database = database,
            User = user,
            SslMode = SslMode ?? (SslRootCert is null ? Npgsql.SslMode.Prefer : Npgsql.SslMode.VerifyFull),
            SslRootCert = SslRootCert,
            AllowWrites = AllowWrites ?? false,
            ConnectTimeout = timeout,
            ConfigFile = ConfigFile,
        };
    }

    private static void CheckNames(IReadOnlyList<ExternalEndpoint> replicas)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var replica in replicas)
        {
            if (!ReplicaNames.IsValid(replica.Name))
            {
                throw new BadInputException(
                    $"external config: replica name '{replica.Name}' is not usable; use 1 to 63 letters, digits, '_', '-' or '.' (it is matched against application_name in pg_stat_replication), and not 'primary'.");
            }

            if (!seen.Add(replica.Name))
            {
                throw new BadInputException($"external config: replica name '{replica.Name}' is used twice; give each replica its own name.");
            }

            if (!addresses.Add(replica.Address))
            {
                throw new BadInputException($"external config: replica address {replica.Address} is listed twice; list each replica endpoint once.");
            }
        }
    }

    private string Required(string? value, string field, string variable, string example) =>
        string.IsNullOrWhiteSpace(value) ? throw Missing(field, variable, example) : value;

    private BadInputException Missing(string field, string variable, string example) => new(ConfigFile is null
        ? $"external config: '{field}' is missing; set {variable} or give --config FILE with {example}."
        : $"external config: '{field}' is missing; add {example} to {ConfigFile} or set {variable}.");
}
