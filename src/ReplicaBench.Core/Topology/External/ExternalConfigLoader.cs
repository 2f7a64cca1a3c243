using Microsoft.Extensions.Configuration;
using ReplicaBench.Configuration;

namespace ReplicaBench.Topology.External;

/// <summary>
/// Assembles the external configuration through Microsoft.Extensions.Configuration, in layers where
/// the last source that has a key wins: the JSON file (if any), then every <c>REPLICABENCH_*</c>
/// variable that is set (<see cref="ExternalEnvironment"/>), then <c>--allow-writes</c>, which can
/// only turn writes on. Binds <see cref="ExternalTopologyOptions"/>, validates them once at the end,
/// and freezes them into an <see cref="ExternalTopologyConfig"/>.
/// </summary>
public static class ExternalConfigLoader
{
    private static readonly SettingsFileKind FileKind = new(
        "--config", "the external endpoints' JSON file", "one JSON object with \"primary\", \"database\" and \"user\"", "docs/external.md");

    /// <param name="configFile">The <c>--config</c> file, or null for environment variables only.</param>
    /// <param name="allowWritesFlag">Whether <c>--allow-writes</c> was given.</param>
    /// <param name="environment">Reads an environment variable (the process environment by default).</param>
    public static ExternalTopologyConfig Load(string? configFile, bool allowWritesFlag, Func<string, string?>? environment = null)
    {
        using var file = configFile is null ? null : new SettingsFile(configFile, FileKind);
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            builder.Add(file);
        }

        var configuration = builder
            .Add(ExternalEnvironment.Settings(environment ?? Environment.GetEnvironmentVariable))
            .Add(new NamedSettings([("allowWrites", "--allow-writes", allowWritesFlag ? "true" : null)]))
            .Build();
        var names = new SettingNames(configuration);
        RefuseFileMistakes(configuration, names);

        var options = SettingsBinder.Bind<ExternalTopologyOptions>(configuration);
        if (options.SslRootCert is { } bundle)
        {
            // A path in the file is relative to the file's folder, one in a variable to the current directory.
            options.SslRootCert = Path.GetFullPath(bundle, names.FileOf("sslRootCert") is { } from ? Path.GetDirectoryName(from)! : Environment.CurrentDirectory);
        }

        SettingsBinder.Validate(options, new ExternalTopologyOptionsValidator(names, file?.FullPath));
        var iam = ExternalAuthNames.IsIam(options.Auth);
        return new ExternalTopologyConfig
        {
            Primary = new ExternalEndpoint("primary", options.Primary!.Host!.Trim(), options.Primary.Port),
            Replicas = Replicas(options),
            Database = options.Database!.Trim(),
            User = options.User!.Trim(),
            // RDS takes IAM tokens over TLS only, so with auth iam TLS is required by default, never just preferred.
            SslMode = options.SslMode is { } mode ? SslModeNames.Parse(mode, "sslMode")
                : options.SslRootCert is not null ? Npgsql.SslMode.VerifyFull
                : iam ? Npgsql.SslMode.Require : Npgsql.SslMode.Prefer,
            SslRootCert = options.SslRootCert,
            AllowWrites = options.AllowWrites,
            ConnectTimeout = DurationParser.Parse(options.ConnectTimeout, "connectTimeout"),
            ConfigFile = file?.FullPath,
            Pooler = options.Pooler is { } pooler ? Poolers.PoolerNames.Parse(pooler, names.Of("pooler").Text) : Poolers.PoolerKind.None,
            Iam = iam,
            Region = string.IsNullOrWhiteSpace(options.Region) ? null : options.Region.Trim(),
        };
    }

    /// <summary>The replicas as endpoints; one without a name is <c>replica{position}</c>.</summary>
    internal static List<ExternalEndpoint> Replicas(ExternalTopologyOptions options) =>
        [.. options.Replicas.Select((r, i) => new ExternalEndpoint(r.Name ?? TopologyRequest.ReplicaName(i + 1), r.Host!.Trim(), r.Port))];

    /// <summary>
    /// Two file mistakes the binder would not explain: a password, refused before binding so the line
    /// says why (and never shows it), and replicas as one string, which is the variable's form only.
    /// </summary>
    private static void RefuseFileMistakes(IConfigurationRoot configuration, SettingNames names)
    {
        if (names.FileOf("password") is { } withPassword)
        {
            throw new BadInputException(
                $"{withPassword} has a \"password\" field, and passwords are never read from config files; remove it and set {ExternalPassword.PasswordVariable} or PGPASSWORD, or use a PGPASSFILE.");
        }

        if (names.FileOf("replicas") is { } file && configuration["replicas"] is { Length: > 0 })
        {
            throw new BadInputException($"{file}: \"replicas\" must be an array of replica endpoints (it may be empty).");
        }
    }
}
