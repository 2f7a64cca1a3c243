using System.Globalization;
using Npgsql;
using ReplicaBench.IntegrationTests.Workload;
using ReplicaBench.Topology;
using ReplicaBench.Topology.External;

namespace ReplicaBench.IntegrationTests.External;

/// <summary>
/// Presents a local topology as external endpoints, the way RDS endpoints are given: host:port per
/// node, database, user, and the password in an environment variable. The external provider then
/// takes exactly the code path it takes against RDS.
/// </summary>
internal sealed class LocalAsExternal(TopologyDescriptor local)
{
    public string Password { get; } = new NpgsqlConnectionStringBuilder(local.Primary.ConnectionString).Password!;

    public string User { get; } = new NpgsqlConnectionStringBuilder(local.Primary.ConnectionString).Username!;

    public string PrimaryAddress => Address(local.Primary);

    public string Address(string nodeName) => Address(local.FindNode(nodeName)!);

    /// <summary>Environment variables describing the endpoints (all replicas unless told otherwise).</summary>
    public Dictionary<string, string> Environment(string? database = null, string? primary = null, string? replicas = null) => new(StringComparer.Ordinal)
    {
        [ExternalEnvironment.Primary] = primary ?? PrimaryAddress,
        [ExternalEnvironment.Replicas] = replicas ?? string.Join(',', local.Replicas.Select(r => $"{r.Name}={Address(r)}")),
        [ExternalEnvironment.Database] = database ?? new NpgsqlConnectionStringBuilder(local.Primary.ConnectionString).Database!,
        [ExternalEnvironment.User] = User,
        [ExternalPassword.PasswordVariable] = Password,
    };

    /// <summary>A provider reading only <paramref name="environment"/> (plus a HOME without a .pgpass).</summary>
    public static ExternalTopologyProvider Provider(IReadOnlyDictionary<string, string> environment, bool allowWrites = false) => new(
        new ExternalProviderOptions
        {
            AllowWrites = allowWrites,
            Environment = name => environment.TryGetValue(name, out var value) ? value : name == "HOME" ? "/nonexistent-home" : null,
        },
        TimeProvider.System);

    public static Task<TopologyDescriptor> UpAsync(IReadOnlyDictionary<string, string> environment, bool allowWrites = false) =>
        Provider(environment, allowWrites).UpAsync(new TopologyRequest(0), Path.GetTempPath(), TestContext.Current.CancellationToken);

    /// <summary>
    /// Waits until every replica has replayed everything the primary has written so far: a scratch
    /// database or a role made on the primary must exist on the replicas before endpoints are verified.
    /// </summary>
    public async Task WaitForReplicasAsync(CancellationToken cancellationToken)
    {
        await using var primary = await WorkloadDatabase.OpenAsync(local.Primary.ConnectionString, cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()", primary);
        var lsn = (ulong)(NpgsqlTypes.NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(cancellationToken))!;
        foreach (var replica in local.Replicas)
        {
            await WorkloadDatabase.WaitForReplayAsync(replica.ConnectionString, lsn, cancellationToken);
        }
    }

    private static string Address(TopologyNode node) => string.Create(CultureInfo.InvariantCulture, $"{node.Host}:{node.Port}");
}
