using System.Globalization;
using ReplicaBench.Topology;
using ReplicaBench.Workload;

namespace ReplicaBench.Runs;

/// <summary>
/// Brings a topology's replicas level with its primary before load: the seed once per topology,
/// then whatever the previous cell left behind before each cell, so no cell starts with another's lag.
/// </summary>
internal static class MatrixSeeding
{
    private static readonly TimeSpan SeedCatchUpTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Seeds the bench table and waits for every replica to replay it; on a topology that allows no
    /// writes, checks with reads that it was prepared instead (and returns null: nothing was written).
    /// </summary>
    internal static async Task<SeedResult?> SeedAsync(TopologyDescriptor topology, long rows, Action<string> step, CancellationToken cancellationToken)
    {
        if (!topology.WritesAllowed)
        {
            // A read-only run (an external topology without --allow-writes) reads the table as it was prepared.
            await using var reader = await NodeConnections.OpenAsync(topology.Primary, cancellationToken);
            await PreparedTable.VerifyAsync(reader, topology.Primary.Name, rows, cancellationToken);
            step(string.Create(CultureInfo.InvariantCulture, $"writes not allowed: reading {WorkloadSchema.ItemsTable} as prepared ({rows} rows); no seeding, no visibility probe"));
            return null;
        }

        step(string.Create(CultureInfo.InvariantCulture, $"seeding {rows} rows on {topology.Primary.Name}"));
        SeedResult seed;
        // Against external endpoints the suite writes nothing unless the topology allows it.
        await using (var primary = await WriteInterlock.OpenPrimaryAsync(topology, "replicabench load (seeding the bench table)", cancellationToken))
        {
            seed = await WorkloadSeeder.SeedAsync(primary, rows, cancellationToken);
        }

        foreach (var replica in topology.Replicas)
        {
            if (!await CaughtUpAsync(replica, seed.Lsn, cancellationToken))
            {
                throw new TopologyException(
                    $"{replica.Name} did not replay the seed within {SeedCatchUpTimeout.TotalMinutes:0} min; check 'replicabench topology status' and its apply delay.");
            }
        }

        return seed;
    }

    /// <summary>
    /// Before a cell's warm-up: waits until every replica has replayed what the primary has written
    /// (the previous cell's backlog), so no cell starts with another's lag; a replica that does not
    /// catch up in time is warned about and the cell flagged.
    /// </summary>
    internal static async Task<CatchUpWait?> CatchUpAsync(
        TopologyLease lease, TimeSpan timeout, TimeSpan? pollInterval, IMatrixProgress progress, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var wait = await ReplicationCatchUp.WaitAsync(lease.Current(), timeout, timeProvider, cancellationToken, pollInterval);
        if (wait?.Warning is { } warning)
        {
            progress.Step(warning);
        }

        return wait;
    }

    private static async Task<bool> CaughtUpAsync(TopologyNode replica, ulong lsn, CancellationToken cancellationToken)
    {
        await using var connection = await NodeConnections.OpenAsync(replica, cancellationToken);
        return await ReplayCatchUp.WaitAsync(connection, lsn, SeedCatchUpTimeout, cancellationToken);
    }
}
