using Microsoft.Extensions.Options;
using ReplicaBench.Configuration;

namespace ReplicaBench.Topology.External;

/// <summary>
/// Checks bound <see cref="ExternalTopologyOptions"/>: the forms the binder leaves as text (sslMode,
/// connectTimeout), required fields, ports, replica names and the CA bundle. The first problem is the
/// failure, one line naming the variable or the file's field it came from. A missing field is
/// reported the same way whichever source was meant to give it, so it offers both.
/// </summary>
/// <param name="names">Names each setting after the source that supplied it.</param>
/// <param name="configFile">The <c>--config</c> file's full path, or null.</param>
public sealed class ExternalTopologyOptionsValidator(SettingNames names, string? configFile) : IValidateOptions<ExternalTopologyOptions>
{
    public ValidateOptionsResult Validate(string? name, ExternalTopologyOptions options)
    {
        var problem = Forms(options) ?? Required(options) ?? Endpoints(options) ?? RootCertificate(options) ?? Files(options);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    private string? Forms(ExternalTopologyOptions options) =>
        Catch(() => options.SslMode is { } mode ? SslModeNames.Parse(mode, names.Of("sslMode").Text) : default)
        ?? Catch(() => DurationParser.Parse(options.ConnectTimeout, names.Of("connectTimeout").Text))
        ?? Catch(() => options.Pooler is { } pooler ? Poolers.PoolerNames.Parse(pooler, names.Of("pooler").Text) : default)
        ?? Catch(() => ExternalAuthNames.IsIam(options.Auth, names.Of("auth").Text))
        ?? IamOverTls(options);

    /// <summary>RDS accepts an IAM token only over TLS; a mode that may send it in the clear is refused, not tried.</summary>
    private string? IamOverTls(ExternalTopologyOptions options) =>
        ExternalAuthNames.IsIam(options.Auth) && options.SslMode is { } mode && SslModeNames.Parse(mode, "sslMode") is Npgsql.SslMode.Disable or Npgsql.SslMode.Allow or Npgsql.SslMode.Prefer
            ? $"{names.Of("sslMode")}: '{mode.Trim()}' with auth iam could send the token without TLS, and RDS takes IAM tokens over TLS only; use require, or verify-full with the RDS CA bundle (sslRootCert)."
            : null;

    private string? Required(ExternalTopologyOptions options)
    {
        if (options.Primary is { Host: null })
        {
            return MissingHost("primary");
        }

        for (var i = 0; i < options.Replicas.Count; i++)
        {
            if (options.Replicas[i].Host is null)
            {
                return MissingHost($"replicas:{i}");
            }
        }

        return options.Primary is null ? Missing("primary", ExternalEnvironment.Primary, "\"primary\": \"host:5432\"")
            : string.IsNullOrWhiteSpace(options.Database) ? Missing("database", ExternalEnvironment.Database, "\"database\": \"app\"")
            : string.IsNullOrWhiteSpace(options.User) ? Missing("user", ExternalEnvironment.User, "\"user\": \"replicabench\"")
            : null;
    }

    private string? Endpoints(ExternalTopologyOptions options)
    {
        var ports = new[] { ("primary", options.Primary!) }.Concat(options.Replicas.Select((r, i) => ($"replicas:{i}", r)));
        foreach (var (path, endpoint) in ports)
        {
            if (EndpointAddress.PortProblem(endpoint.Port) is { } problem)
            {
                return $"{names.Of(path + ":port")}: {problem}";
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var replica in ExternalConfigLoader.Replicas(options))
        {
            if (!ReplicaNames.IsValid(replica.Name))
            {
                return $"external config: replica name '{replica.Name}' is not usable; use 1 to 63 letters, digits, '_', '-' or '.' (it is matched against application_name in pg_stat_replication), and not 'primary'.";
            }

            if (!seen.Add(replica.Name))
            {
                return $"external config: replica name '{replica.Name}' is used twice; give each replica its own name.";
            }

            if (!addresses.Add(replica.Address))
            {
                return $"external config: replica address {replica.Address} is listed twice; list each replica endpoint once.";
            }
        }

        return null;
    }

    /// <summary>
    /// verify-full and verify-ca check the server against a CA bundle; without one Npgsql would fall
    /// back to the system's trusted CAs, which never vouch for RDS or a self-made CA, so the failure
    /// would come later and less clearly. Named here, before any connection.
    /// </summary>
    private string? RootCertificate(ExternalTopologyOptions options)
    {
        if (options.SslMode is not { } text || options.SslRootCert is not null)
        {
            return null;
        }

        var mode = SslModeNames.Parse(text, "sslMode");
        return !SslModeNames.Verifies(mode) ? null : $"{names.Of("sslMode").Text}: {SslModeNames.Format(mode)} checks the server's certificate against a CA bundle and none is given; set {ExternalEnvironment.SslRootCert} or config sslRootCert to the CA's PEM file (for RDS: global-bundle.pem from the AWS documentation).";
    }

    private static string? Files(ExternalTopologyOptions options)
    {
        if (options.SslRootCert is { } bundle && !File.Exists(bundle))
        {
            return $"external config: sslRootCert '{bundle}' does not exist; give the path of a PEM CA bundle (for RDS: global-bundle.pem from the AWS documentation).";
        }

        var timeout = DurationParser.Parse(options.ConnectTimeout, "connectTimeout");
        return timeout < TimeSpan.FromSeconds(1) || timeout > ExternalTopologyConfig.MaxConnectTimeout
            ? $"external config: connectTimeout {DurationParser.Format(timeout)} is out of range; use 1s to {ExternalTopologyConfig.MaxConnectTimeout.TotalSeconds:0}s."
            : null;
    }

    private string MissingHost(string path) =>
        $"{names.FileOf(path) ?? "external config"}: \"{SettingName.FieldOf(path)}.host\" is missing; add it (see docs/external.md for the file's shape).";

    private string Missing(string field, string variable, string example) => configFile is null
        ? $"external config: '{field}' is missing; set {variable} or give --config FILE with {example}."
        : $"external config: '{field}' is missing; add {example} to {configFile} or set {variable}.";

    /// <summary>The parsers report a bad form as bad input; here that is the validation failure.</summary>
    private static string? Catch(Func<object?> parse)
    {
        try
        {
            _ = parse();
            return null;
        }
        catch (BadInputException ex)
        {
            return ex.Message;
        }
    }
}
