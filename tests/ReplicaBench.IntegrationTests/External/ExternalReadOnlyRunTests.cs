using System.Text.Json;
using Npgsql;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.IntegrationTests.Workload;
using ReplicaBench.Reporting.Report;
using ReplicaBench.Topology.External;
using ReplicaBench.Workload;

namespace ReplicaBench.IntegrationTests.External;

/// <summary>
/// The nightly default against external endpoints: the table is prepared once by a role that may
/// write ('external prepare --allow-writes'), then a read-only role (pg_read_all_data, pg_monitor)
/// runs load and report without --allow-writes. Known answers: the table's write counters do not
/// move (the run wrote nothing), every read succeeds, and the password is in no file of the run.
/// </summary>
public sealed class ExternalReadOnlyRunTests(SharedTopologyFixture fixture)
{
    private const int SeedRows = 2_000;

    /// <summary>Distinctive, so that a match anywhere in the output can only be a leak.</summary>
    private const string NightlyPassword = "Nightly-Ro-9f3c1e7a-pw";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_read_only_role_runs_the_nightly_default_on_a_prepared_table_and_writes_nothing()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(fixture.Topology, Token);
        var role = $"rb_ro_{Guid.NewGuid():N}"[..20];
        await ExecuteAsync(fixture.Topology.Primary.ConnectionString, $"CREATE ROLE {role} LOGIN PASSWORD '{NightlyPassword}' IN ROLE pg_read_all_data, pg_monitor");
        var work = Directory.CreateTempSubdirectory("rb-it-ro-").FullName;
        try
        {
            var endpoints = new LocalAsExternal(fixture.Topology);
            // The scratch database and the role must be on the replicas (replica2 applies 300 ms late) before they are verified.
            await endpoints.WaitForReplicasAsync(Token);
            var owner = endpoints.Environment(database: scratch.Name);
            var unprepared = await CliProcess.RunAsync(["external", "prepare", "--seed-rows", $"{SeedRows}"], owner);
            var prepared = await CliProcess.RunAsync(["external", "prepare", "--allow-writes", "--seed-rows", $"{SeedRows}"], owner);
            await endpoints.WaitForReplicasAsync(Token);

            var nightly = NightlyEnvironment(endpoints, scratch, role);
            var state = Path.Combine(work, "state");
            var run = Path.Combine(work, "run");
            var up = await CliProcess.RunAsync(["topology", "up", "--provider", "external", "--state-dir", state], nightly);
            var writing = await CliProcess.RunAsync(["load", "--state-dir", state, "--scenario", "read-heavy", "--out", run, "--check"], nightly);
            var wrongSize = await CliProcess.RunAsync(["load", "--state-dir", state, "--scenario", "point-read", "--seed-rows", "999", "--duration", "1s", "--warmup", "0s", "--generator-warmup", "0s", "--out", Path.Combine(work, "wrong")], nightly);
            var writesBefore = await TableWritesAsync(scratch.Primary);
            var load = await CliProcess.RunAsync(
                ["load", "--state-dir", state, "--scenario", "point-read", "--seed-rows", $"{SeedRows}", "--policy", "primary-only,round-robin", "--vus", "4", "--duration", "2s", "--warmup", "1s", "--generator-warmup", "0s", "--out", run],
                nightly);
            var report = await CliProcess.RunAsync(["report", run], nightly);
            var writesAfter = await TableWritesAsync(scratch.Primary);
            var down = await CliProcess.RunAsync(["topology", "down", "--state-dir", state], nightly);

            Assert.Equal(ExitCodes.BadInput, unprepared.Code);
            Assert.StartsWith("replicabench: 'external prepare' creates schema replicabench", unprepared.Stderr, StringComparison.Ordinal);
            Assert.True(prepared.Code == 0, prepared.Stderr);
            Assert.Contains($"holds keys 1..{SeedRows}", prepared.Stdout, StringComparison.Ordinal);
            Assert.True(up.Code == 0, up.Stderr);
            Assert.Equal(ExitCodes.BadInput, writing.Code);
            Assert.Single(writing.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("replicabench: scenario read-heavy (5% writes: insert 1%, update 4%) writes, but the external topology in", writing.Stderr, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.BadInput, wrongSize.Code);
            Assert.Contains($"was prepared with {SeedRows} rows, not the 999 asked for", wrongSize.Stderr, StringComparison.Ordinal);
            Assert.True(load.Code == 0, load.Stdout + load.Stderr);
            Assert.True(report.Code == 0, report.Stderr);
            Assert.Equal(0, down.Code);

            // Known answer: a read-only run changes no row (the fingerprint of every row version is the same).
            Assert.Equal(writesBefore, writesAfter);
            using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run, "results.json"), Token));
            Assert.False(results.RootElement.GetProperty("run").GetProperty("writesAllowed").GetBoolean());
            var cells = results.RootElement.GetProperty("cells").EnumerateArray().ToList();
            Assert.Equal(2, cells.Count);
            Assert.All(cells, cell =>
            {
                Assert.True(cell.GetProperty("operations").GetInt64() > 0);
                Assert.Equal(0, cell.GetProperty("errors").GetInt64());
                Assert.Empty(cell.GetProperty("visibility").EnumerateArray());
                // Server-side lag is still sampled, for every replica (pg_monitor reads pg_stat_replication).
                var lagged = cell.GetProperty("lag").EnumerateArray().Select(p => p.GetProperty("replica").GetString()).ToHashSet();
                Assert.Equal(["replica1", "replica2"], lagged.Order());
            });
            var html = await File.ReadAllTextAsync(Path.Combine(run, "report", "index.html"), Token);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(ReportVerdict.ReadOnlyCaveat), html, StringComparison.Ordinal);

            string[] outputs = [up.Stdout, up.Stderr, load.Stdout, load.Stderr, report.Stdout, report.Stderr, prepared.Stdout, prepared.Stderr];
            Assert.DoesNotContain(outputs, o => o.Contains(NightlyPassword, StringComparison.Ordinal));
            Assert.Empty(FilesContaining(work, NightlyPassword));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
            await ExecuteAsync(fixture.Topology.Primary.ConnectionString, $"DROP ROLE IF EXISTS {role}");
        }
    }

    [Fact]
    public async Task A_role_that_may_not_read_the_prepared_table_is_told_what_to_grant_in_one_line()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(fixture.Topology, Token);
        var role = $"rb_nr_{Guid.NewGuid():N}"[..20];
        await ExecuteAsync(fixture.Topology.Primary.ConnectionString, $"CREATE ROLE {role} LOGIN PASSWORD '{NightlyPassword}'");
        var work = Directory.CreateTempSubdirectory("rb-it-nr-").FullName;
        try
        {
            var endpoints = new LocalAsExternal(fixture.Topology);
            // The scratch database and the role must be on the replicas (replica2 applies 300 ms late) before they are verified.
            await endpoints.WaitForReplicasAsync(Token);
            var prepared = await CliProcess.RunAsync(["external", "prepare", "--allow-writes", "--seed-rows", $"{SeedRows}"], endpoints.Environment(database: scratch.Name));
            await endpoints.WaitForReplicasAsync(Token);
            var nightly = NightlyEnvironment(endpoints, scratch, role);
            var state = Path.Combine(work, "state");
            var up = await CliProcess.RunAsync(["topology", "up", "--provider", "external", "--state-dir", state], nightly);
            var load = await CliProcess.RunAsync(
                ["load", "--state-dir", state, "--scenario", "point-read", "--seed-rows", $"{SeedRows}", "--duration", "1s", "--warmup", "0s", "--generator-warmup", "0s", "--out", Path.Combine(work, "run")],
                nightly);

            Assert.True(prepared.Code == 0, prepared.Stderr);
            Assert.True(up.Code == 0, up.Stderr);
            Assert.Equal(ExitCodes.BadInput, load.Code);
            Assert.Single(load.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"replicabench: role {role} may not read {WorkloadSchema.ItemsTable} on primary", load.Stderr, StringComparison.Ordinal);
            Assert.Contains($"GRANT pg_read_all_data TO {role}", load.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
            await ExecuteAsync(fixture.Topology.Primary.ConnectionString, $"DROP ROLE IF EXISTS {role}");
        }
    }

    /// <summary>The endpoints as the nightly job gives them: the scratch database, the read-only role and its password.</summary>
    private static Dictionary<string, string> NightlyEnvironment(LocalAsExternal endpoints, ScratchDatabase scratch, string role)
    {
        var environment = endpoints.Environment(database: scratch.Name);
        environment[ExternalEnvironment.User] = role;
        environment[ExternalPassword.PasswordVariable] = NightlyPassword;
        return environment;
    }

    /// <summary>
    /// A fingerprint of every row version in the table: a row inserted, updated or deleted changes a
    /// row's (ctid, xmin), so equal fingerprints mean no write. (Statistics counters would do too, but
    /// they reach pg_stat_user_tables only when a backend flushes them, which races with the test.)
    /// </summary>
    private static async Task<long> TableWritesAsync(string primary)
    {
        await using var connection = await WorkloadDatabase.OpenAsync(primary, Token);
        return await WorkloadDatabase.ScalarAsync(
            connection,
            $"SELECT count(*) * 1000003 + coalesce(sum(hashtext(ctid::text || ':' || xmin::text)), 0) FROM {WorkloadSchema.ItemsTable}",
            Token);
    }

    private static List<string> FilesContaining(string root, string secret) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => File.ReadAllText(f).Contains(secret, StringComparison.Ordinal))];

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = await WorkloadDatabase.OpenAsync(connectionString, CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
