using Npgsql;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Workload;

namespace ReplicaBench.IntegrationTests.Workload;

/// <summary>Seeding by binary COPY: the rows arrive on the primary and, once replayed, on the replicas.</summary>
public sealed class WorkloadSeedingTests(SharedTopologyFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seeding_100k_rows_by_copy_fills_the_primary_and_after_replay_replica1()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(fixture.Topology, Token);
        await using var primary = await WorkloadDatabase.OpenAsync(scratch.Primary, Token);

        var seed = await WorkloadSeeder.SeedAsync(primary, 100_000, Token);
        TestContext.Current.TestOutputHelper?.WriteLine($"seeded {seed.Rows} rows in {seed.Elapsed.TotalMilliseconds:0} ms: {seed.RowsPerSecond:0} rows/s");

        Assert.True(seed.Copied);
        Assert.Equal(100_000, await WorkloadDatabase.ScalarAsync(primary, $"SELECT count(*) FROM {WorkloadSchema.ItemsTable}", Token));
        Assert.Equal(100_000, await WorkloadDatabase.ScalarAsync(primary, $"SELECT max(id) FROM {WorkloadSchema.ItemsTable}", Token));
        Assert.Equal(0, await WorkloadDatabase.ScalarAsync(primary, $"SELECT count(*) FROM {WorkloadSchema.ItemsTable} WHERE version <> 1 OR length(payload) <> {WorkloadSchema.PayloadLength}", Token));
        // Analyzed: the planner knows the row count without a scan.
        Assert.Equal(100_000, await WorkloadDatabase.ScalarAsync(primary, $"SELECT reltuples::bigint FROM pg_class WHERE oid = '{WorkloadSchema.ItemsTable}'::regclass", Token));

        await WorkloadDatabase.WaitForReplayAsync(scratch.Replica1, seed.Lsn, Token);
        await using var replica1 = await WorkloadDatabase.OpenAsync(scratch.Replica1, Token);
        Assert.Equal(100_000, await WorkloadDatabase.ScalarAsync(replica1, $"SELECT count(*) FROM {WorkloadSchema.ItemsTable}", Token));
    }

    [Fact]
    public async Task Seeding_again_with_the_same_count_copies_nothing_but_extra_rows_trigger_a_fresh_copy()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(fixture.Topology, Token);
        await using var primary = await WorkloadDatabase.OpenAsync(scratch.Primary, Token);
        Assert.True((await WorkloadSeeder.SeedAsync(primary, 2_000, Token)).Copied);
        await using (var commands = new WorkloadCommands(primary))
        {
            await commands.UpdateAsync(5, Token);
        }

        var again = await WorkloadSeeder.SeedAsync(primary, 2_000, Token);
        Assert.False(again.Copied);
        Assert.Equal(2, await WorkloadDatabase.VersionAsync(primary, 5, Token));

        var keys = await InsertKeyRange.ReserveAsync(primary, Token);
        await using (var commands = new WorkloadCommands(primary))
        {
            await commands.InsertAsync(keys.NextKey(), Token);
        }

        var reseeded = await WorkloadSeeder.SeedAsync(primary, 2_000, Token);
        Assert.True(reseeded.Copied);
        Assert.Equal(2_000, await WorkloadDatabase.ScalarAsync(primary, $"SELECT count(*) FROM {WorkloadSchema.ItemsTable}", Token));
        Assert.Equal(1, await WorkloadDatabase.VersionAsync(primary, 5, Token));

        var resized = await WorkloadSeeder.SeedAsync(primary, 1_500, Token);
        Assert.True(resized.Copied);
        Assert.Equal(1_500, await WorkloadDatabase.ScalarAsync(primary, $"SELECT max(id) FROM {WorkloadSchema.ItemsTable}", Token));
    }

    [Fact]
    public async Task A_bad_row_count_is_refused_before_anything_is_created()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(fixture.Topology, Token);
        await using var primary = await WorkloadDatabase.OpenAsync(scratch.Primary, Token);

        await Assert.ThrowsAsync<BadInputException>(() => WorkloadSeeder.SeedAsync(primary, 0, Token));

        Assert.False(await WorkloadSchema.ExistsAsync(primary, Token));
        Assert.Equal(0, await WorkloadDatabase.ScalarAsync(primary, $"SELECT count(*) FROM pg_namespace WHERE nspname = '{SuiteSchema.Name}'", Token));
    }
}
