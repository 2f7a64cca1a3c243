using ReplicaBench.Configuration;

namespace ReplicaBench.Topology.External;

/// <summary>
/// The environment variables that configure the external provider, alone or on top of a config
/// file (a variable that is set overrides the file's field). Useful in CI, where endpoints come
/// from repository secrets. Passwords are separate: see <see cref="PasswordResolver"/>.
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

    /// <summary>Selects the provider for <c>topology up</c> when <c>--provider</c> is not given.</summary>
    public const string Provider = "REPLICABENCH_PROVIDER";

    /// <summary>Applies every variable that is set (non-empty) to the draft.</summary>
    internal static void ApplyTo(ExternalConfigDraft draft, Func<string, string?> environment)
    {
        if (Get(environment, Primary) is { } primary)
        {
            draft.Primary = EndpointAddress.Parse(primary, Primary);
        }

        if (Get(environment, Replicas) is { } replicas)
        {
            draft.Replicas = ParseReplicas(replicas);
        }

        draft.Database = Get(environment, Database) ?? draft.Database;
        draft.User = Get(environment, User) ?? draft.User;
        if (Get(environment, SslMode) is { } sslMode)
        {
            draft.SslMode = SslModeNames.Parse(sslMode, SslMode);
        }

        if (Get(environment, SslRootCert) is { } bundle)
        {
            draft.SslRootCert = Path.GetFullPath(bundle);
        }

        if (Get(environment, AllowWrites) is { } allowWrites)
        {
            draft.AllowWrites = ParseBool(allowWrites, AllowWrites);
        }

        if (Get(environment, ConnectTimeout) is { } timeout)
        {
            draft.ConnectTimeout = DurationParser.Parse(timeout, ConnectTimeout);
        }
    }

    /// <summary>Reads <c>[name=]host[:port],...</c>; an entry without a name is replica{position}.</summary>
    internal static IReadOnlyList<ExternalEndpoint> ParseReplicas(string text)
    {
        var entries = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var replicas = new List<ExternalEndpoint>(entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? ExternalConfigDraft.DefaultReplicaName(i + 1) : entry[..eq].Trim();
            var (host, port) = EndpointAddress.Parse(eq < 0 ? entry : entry[(eq + 1)..], Replicas);
            replicas.Add(new ExternalEndpoint(name, host, port));
        }

        return replicas;
    }

    internal static bool ParseBool(string text, string field) => text.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "1" or "YES" or "ON" => true,
        "FALSE" or "0" or "NO" or "OFF" => false,
        _ => throw new BadInputException($"{field}: '{text}' is not true or false; write true or false."),
    };

    private static string? Get(Func<string, string?> environment, string name) =>
        environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
