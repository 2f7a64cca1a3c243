using System.CommandLine;
using ReplicaBench.Topology;
using ReplicaBench.Topology.External;

namespace ReplicaBench.Cli.Commands;

/// <summary>
/// The <c>topology up</c> options and output that only the external provider uses, kept apart so the
/// up command reads the same for every provider. No option takes a password: see docs/external.md.
/// </summary>
internal sealed class ExternalUpOptions
{
    public Option<string?> Config { get; } = new("--config")
    {
        Description = "External only: JSON file with the endpoints (primary, replicas, database, user, sslMode, sslRootCert, allowWrites, auth, region); REPLICABENCH_* variables override its fields. No password here: set REPLICABENCH_PASSWORD or PGPASSWORD, or use PGPASSFILE; or \"auth\": \"iam\" (REPLICABENCH_AUTH=iam) for RDS IAM tokens.",
        HelpName = "FILE",
    };

    public Option<bool> AllowWrites { get; } = new("--allow-writes")
    {
        Description = $"External only: let the suite write on the primary, inside its own schema '{SuiteSchema.Name}' and nowhere else. Without it nothing is written to external endpoints. (Local topologies are throwaway and always writable.)",
    };

    /// <summary>The provider for <c>up</c>; refuses <c>--config</c> with a provider that does not read one.</summary>
    public ITopologyProvider CreateProvider(ParseResult parse, string providerName, Option<int> replicas)
    {
        if (providerName != ExternalTopologyProvider.ProviderName)
        {
            if (parse.GetValue(Config) is not null)
            {
                throw new BadInputException($"--config applies to --provider {ExternalTopologyProvider.ProviderName} only; drop it, or add --provider {ExternalTopologyProvider.ProviderName}.");
            }

            return TopologyProviders.Create(providerName);
        }

        return new ExternalTopologyProvider(
            new ExternalProviderOptions
            {
                ConfigFile = parse.GetValue(Config),
                AllowWrites = parse.GetValue(AllowWrites),
                ExpectedReplicas = parse.GetResult(replicas) is { Implicit: false } ? parse.GetValue(replicas) : null,
            },
            TimeProvider.System);
    }

    /// <summary>What an external <c>up</c> verified, whether writes are allowed, and what it noticed.</summary>
    public static async Task WriteSummaryAsync(TextWriter output, TopologyDescriptor topology, TimeSpan elapsed, string stateFile)
    {
        var external = topology.External!;
        var writes = topology.WritesAllowed
            ? $"allowed in schema {SuiteSchema.Name} only"
            : "not allowed (read-only sessions on the primary; --allow-writes permits writes in schema " + SuiteSchema.Name + ")";
        await output.WriteLineAsync(
            $"Verified in {elapsed.TotalSeconds:0.0}s: primary accepts writes, {topology.Replicas.Count} replica(s) in recovery; PostgreSQL {topology.ServerVersion}; sslmode {external.SslMode}; password from {external.PasswordSource}. Nothing was started.");
        await output.WriteLineAsync($"Writes: {writes}. State: {stateFile}");
        foreach (var note in external.Notes)
        {
            await output.WriteLineAsync("note: " + note);
        }
    }
}
