using Npgsql;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.IntegrationTests.Workload;
using ReplicaBench.Topology;
using ReplicaBench.Topology.External;
using ReplicaBench.Workload;

namespace ReplicaBench.IntegrationTests.External;

/// <summary>
/// The write interlock on real servers: without --allow-writes nothing is written (the guard refuses,
/// and the primary session is read-only besides); with it the suite writes its own schema and
/// nothing else. Each test works in a scratch database.
/// </summary>
public sealed class ExternalWriteInterlockTests(SharedTopologyFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_allow_writes_the_guard_refuses_and_the_primary_session_is_read_only()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(fixture.Topology, Token);
        await new LocalAsExternal(fixture.Topology).WaitForReplicasAsync(Token);
        var topology = await LocalAsExternal.UpAsync(new LocalAsExternal(fixture.Topology).Environment(database: scratch.Name));

        var refused = await Assert.ThrowsAsync<BadInputException>(() => WriteInterlock.OpenPrimaryAsync(topology, "seeding the bench table", Token));

        Assert.StartsWith("seeding the bench table writes to the primary", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-writes", refused.Message, StringComparison.Ordinal);

        // A writer that skipped the guard still changes nothing: the server refuses (25006).
        await using (var unguarded = new NpgsqlConnection(topology.Primary.ConnectionString))
        {
            await unguarded.OpenAsync(Token);
            var readOnly = await Assert.ThrowsAsync<PostgresException>(() => WorkloadSchema.CreateAsync(unguarded, Token));
            Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, readOnly.SqlState);
        }

        await using var admin = await WorkloadDatabase.OpenAsync(scratch.Primary, Token);
        Assert.Equal(0, await WorkloadDatabase.ScalarAsync(admin, $"SELECT count(*) FROM pg_namespace WHERE nspname = '{SuiteSchema.Name}'", Token));
    }

    [Fact]
    public async Task With_allow_writes_the_suite_creates_and_seeds_its_own_schema_and_nothing_else()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(fixture.Topology, Token);
        await new LocalAsExternal(fixture.Topology).WaitForReplicasAsync(Token);
        var topology = await LocalAsExternal.UpAsync(new LocalAsExternal(fixture.Topology).Environment(database: scratch.Name), allowWrites: true);
        Assert.True(topology.WritesAllowed);

        await using var primary = await WriteInterlock.OpenPrimaryAsync(topology, "seeding the bench table", Token);
        var before = await CatalogSnapshot.OutsideSuiteSchemaAsync(primary, Token);
        var seed = await WorkloadSeeder.SeedAsync(primary, 1_000, Token);
        var after = await CatalogSnapshot.OutsideSuiteSchemaAsync(primary, Token);

        Assert.Equal(1_000, seed.Rows);
        Assert.Equal(before, after);
        Assert.True(await WorkloadSchema.ExistsAsync(primary, Token));
    }

    [Fact]
    public async Task Probe_staleness_on_an_external_topology_needs_allow_writes()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(fixture.Topology, Token);
        var endpoints = new LocalAsExternal(fixture.Topology);
        await endpoints.WaitForReplicasAsync(Token);
        var environment = endpoints.Environment(database: scratch.Name, replicas: $"replica1={endpoints.Address("replica1")}");
        var stateDir = Directory.CreateTempSubdirectory("rb-it-ext-").FullName;
        try
        {
            string[] state = ["--state-dir", stateDir];
            Assert.Equal(0, (await CliProcess.RunAsync(["topology", "up", "--provider", "external", .. state], environment)).Code);
            var refused = await CliProcess.RunAsync(["probe", "staleness", "--samples", "5", .. state], environment);
            await using (var admin = await WorkloadDatabase.OpenAsync(scratch.Primary, Token))
            {
                Assert.Equal(0, await WorkloadDatabase.ScalarAsync(admin, $"SELECT count(*) FROM pg_namespace WHERE nspname = '{SuiteSchema.Name}'", Token));
            }

            Assert.Equal(0, (await CliProcess.RunAsync(["topology", "down", .. state], environment)).Code);

            Assert.Equal(0, (await CliProcess.RunAsync(["topology", "up", "--provider", "external", "--allow-writes", .. state], environment)).Code);
            var allowed = await CliProcess.RunAsync(["probe", "staleness", "--samples", "5", .. state], environment);
            Assert.Equal(0, (await CliProcess.RunAsync(["topology", "down", "--drop-schema", .. state], environment)).Code);

            Assert.Equal(ExitCodes.BadInput, refused.Code);
            Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("replicabench: probe staleness writes to the primary", refused.Stderr, StringComparison.Ordinal);
            Assert.Contains("--allow-writes", refused.Stderr, StringComparison.Ordinal);
            Assert.True(allowed.Code == 0, allowed.Stderr);
            Assert.Contains("replica1", allowed.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }

    [Fact]
    public async Task Allow_writes_is_refused_at_up_when_the_role_cannot_create_the_suite_schema()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(fixture.Topology, Token);
        var role = $"rb_ext_{Guid.NewGuid():N}"[..20];
        const string RolePassword = "limited-role-pw";
        await ExecuteAsync(fixture.Topology.Primary.ConnectionString, $"CREATE ROLE {role} LOGIN PASSWORD '{RolePassword}'");
        try
        {
            await new LocalAsExternal(fixture.Topology).WaitForReplicasAsync(Token);
            var environment = new LocalAsExternal(fixture.Topology).Environment(database: scratch.Name);
            environment[ExternalEnvironment.User] = role;
            environment[ExternalPassword.PasswordVariable] = RolePassword;

            var ex = await Assert.ThrowsAsync<BadInputException>(() => LocalAsExternal.UpAsync(environment, allowWrites: true));
            var readOnly = await LocalAsExternal.UpAsync(environment);

            Assert.Equal(
                $"writes are allowed but role '{role}' may not create schema {SuiteSchema.Name} in database '{scratch.Name}' and does not own it; run GRANT CREATE ON DATABASE {scratch.Name} TO {role} (as the RDS master user), or drop --allow-writes.",
                ex.Message);
            Assert.Contains(readOnly.External!.Notes, n => n.Contains($"GRANT pg_monitor TO {role}", StringComparison.Ordinal));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(fixture.Topology.Primary.ConnectionString, $"DROP ROLE IF EXISTS {role}");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = await WorkloadDatabase.OpenAsync(connectionString, CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
