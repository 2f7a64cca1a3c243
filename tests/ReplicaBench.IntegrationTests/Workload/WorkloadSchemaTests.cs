using Npgsql;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Workload;

namespace ReplicaBench.IntegrationTests.Workload;

/// <summary>
/// The suite's safety promise on someone's database: everything it creates lives in its own schema,
/// creating twice changes nothing, and dropping removes that schema and nothing else. Each test runs
/// in a scratch database so it can drop the schema without disturbing other tests.
/// </summary>
public sealed class WorkloadSchemaTests(SharedTopologyFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_and_seed_touch_nothing_outside_the_suite_schema()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(fixture.Topology, Token);
        await using var primary = await WorkloadDatabase.OpenAsync(scratch.Primary, Token);
        var before = await CatalogSnapshot.OutsideSuiteSchemaAsync(primary, Token);

        await WorkloadSchema.CreateAsync(primary, Token);
        await WorkloadSchema.CreateAsync(primary, Token);
        await WorkloadSeeder.SeedAsync(primary, 1_000, Token);
        await InsertKeyRange.ReserveAsync(primary, Token);
        await using (var commands = new WorkloadCommands(primary))
        {
            await commands.UpdateAsync(1, Token);
            await commands.InsertAsync(InsertKeyRange.FirstKey, Token);
        }

        var after = await CatalogSnapshot.OutsideSuiteSchemaAsync(primary, Token);
        Assert.Equal(before, after);
        Assert.True(await WorkloadSchema.ExistsAsync(primary, Token));
    }

    [Fact]
    public async Task Creating_again_keeps_everything_already_in_the_suite_schema()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(fixture.Topology, Token);
        await using var primary = await WorkloadDatabase.OpenAsync(scratch.Primary, Token);
        await WorkloadSeeder.SeedAsync(primary, 500, Token);
        // Another part of the suite (the visibility probe) keeps its own table in the same schema.
        await ExecuteAsync(primary, $"CREATE TABLE {SuiteSchema.Name}.other_part (id int); INSERT INTO {SuiteSchema.Name}.other_part VALUES (7)");

        await WorkloadSchema.CreateAsync(primary, Token);

        Assert.Equal(7, await WorkloadDatabase.ScalarAsync(primary, $"SELECT id FROM {SuiteSchema.Name}.other_part", Token));
        Assert.Equal(500, await WorkloadDatabase.ScalarAsync(primary, $"SELECT count(*) FROM {WorkloadSchema.ItemsTable}", Token));
    }

    [Fact]
    public async Task Drop_removes_the_suite_schema_and_nothing_else()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(fixture.Topology, Token);
        await using var primary = await WorkloadDatabase.OpenAsync(scratch.Primary, Token);
        // The user's own data beside the suite's.
        await ExecuteAsync(primary, "CREATE TABLE public.orders (id int PRIMARY KEY, note text); INSERT INTO public.orders VALUES (1, 'keep me')");
        var before = await CatalogSnapshot.OutsideSuiteSchemaAsync(primary, Token);
        await WorkloadSeeder.SeedAsync(primary, 500, Token);
        await ExecuteAsync(primary, $"CREATE TABLE {SuiteSchema.Name}.other_part (id int)");

        await WorkloadSchema.DropAsync(primary, Token);
        await WorkloadSchema.DropAsync(primary, Token);

        Assert.Equal(0, await WorkloadDatabase.ScalarAsync(primary, $"SELECT count(*) FROM pg_namespace WHERE nspname = '{SuiteSchema.Name}'", Token));
        Assert.False(await WorkloadSchema.ExistsAsync(primary, Token));
        Assert.Equal(before, await CatalogSnapshot.OutsideSuiteSchemaAsync(primary, Token));
        Assert.Equal(1, await WorkloadDatabase.ScalarAsync(primary, "SELECT count(*) FROM public.orders WHERE note = 'keep me'", Token));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }
}
