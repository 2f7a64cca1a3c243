using Npgsql;
using ReplicaBench.Topology;
using ReplicaBench.Workload;

namespace ReplicaBench.IntegrationTests.Workload;

/// <summary>Opening connections and seeding the bench table for the workload tests.</summary>
internal static class WorkloadDatabase
{
    /// <summary>The seed the workload tests share: the 100k rows of the acceptance check.</summary>
    public const long SharedRows = 100_000;

    public static readonly TimeSpan ReplayTimeout = TimeSpan.FromSeconds(15);

    private static bool _seeded;

    public static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Seeds the shared table once per test run and waits until every replica has replayed it. Later
    /// calls only check that the seeded keys are still there: tests insert rows, and re-seeding after
    /// every insert would cost a copy each time (tests that need a pristine table use a scratch database).
    /// </summary>
    public static async Task EnsureSeededAsync(TopologyDescriptor topology, CancellationToken cancellationToken)
    {
        await using var primary = await OpenAsync(topology.Primary.ConnectionString, cancellationToken);
        if (_seeded && await StillSeededAsync(primary, cancellationToken))
        {
            return;
        }

        var seed = await WorkloadSeeder.SeedAsync(primary, SharedRows, cancellationToken);
        foreach (var replica in topology.Replicas)
        {
            await WaitForReplayAsync(replica.ConnectionString, seed.Lsn, cancellationToken);
        }

        _seeded = true;
    }

    public static async Task WaitForReplayAsync(string replicaConnectionString, ulong lsn, CancellationToken cancellationToken)
    {
        await using var replica = await OpenAsync(replicaConnectionString, cancellationToken);
        Assert.True(
            await ReplayCatchUp.WaitAsync(replica, lsn, ReplayTimeout, cancellationToken),
            $"the replica did not replay {(global::ReplicaBench.Routing.Lsn.Format(lsn))} within {ReplayTimeout.TotalSeconds} s");
    }

    public static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<bool> StillSeededAsync(NpgsqlConnection primary, CancellationToken cancellationToken) =>
        await WorkloadSchema.ExistsAsync(primary, cancellationToken)
        && await ScalarAsync(primary, $"SELECT count(*) FROM {WorkloadSchema.ItemsTable} WHERE id IN (1, {SharedRows})", cancellationToken) == 2;

    /// <summary>The row's version on a node, read with plain SQL (independent of the code under test).</summary>
    public static Task<long> VersionAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken) =>
        ScalarAsync(connection, $"SELECT coalesce((SELECT version FROM {WorkloadSchema.ItemsTable} WHERE id = {key}), 0)", cancellationToken);
}
