using System.Diagnostics;
using Npgsql;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.IntegrationTests.Load;
using ReplicaBench.LoadTests;
using ReplicaBench.Runs;
using ReplicaBench.Runs.Settings;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Workload;

/// <summary>
/// pgbench's own built-in scripts, exactly as <c>pgbench --show-script</c> prints them, run by
/// <c>load --script ... --no-seed</c> on a <c>pgbench -i</c> schema of the shared topology: the
/// read-only script is served by the replicas, the writing one by the primary, nothing fails, and
/// each script is an operation type of its own.
/// </summary>
public sealed class PgbenchScriptRunTests(SharedTopologyFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rb-it-scripts-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Pgbench_builtin_scripts_run_unchanged_with_reads_on_replicas_and_writes_on_the_primary()
    {
        var topology = fixture.Topology;
        var pgbench = PostgresBinaries.Locate().Tool("pgbench");
        await RunAsync(pgbench, ["-i", "-s", "1", "-q", "-n"], topology.Primary.ConnectionString);
        var selectOnly = Path.Combine(_folder, "select-only.sql");
        var tpcbLike = Path.Combine(_folder, "tpcb-like.sql");
        await File.WriteAllTextAsync(selectOnly, (await RunAsync(pgbench, ["--show-script=select-only"], null)).Errors, Token);
        await File.WriteAllTextAsync(tpcbLike, (await RunAsync(pgbench, ["--show-script=tpcb-like"], null)).Errors, Token);
        var suiteRowsBefore = await SuiteRowsAsync(topology.Primary.ConnectionString);
        var output = Path.Combine(_folder, "run");

        var settings = LoadMatrixSettingsFactory.Create(
            new LoadSettings
            {
                Scripts = [$"{selectOnly}@3", tpcbLike],
                NoSeed = true,
                Policies = ["round-robin"],
                Vus = 4,
                Duration = "2s",
                Warmup = "500ms",
                StateDir = fixture.StateDirectory.Path,
                Out = output,
            },
            Scenarios.Resolve);
        var outcome = await LoadMatrixRunner.RunAsync(settings with { FirstCellExtraWarmUp = TimeSpan.Zero }, new SilentMatrixProgress(), TimeProvider.System, Token);

        Assert.True(outcome.Complete);
        using var results = ResultsJson.Read(output);
        var cell = Assert.Single(ResultsJson.CellsById(results)).Value;
        Assert.Equal("script", cell.GetProperty("scenario").GetString());
        Assert.Equal(0, cell.GetProperty("errors").GetInt64());
        var types = cell.GetProperty("operationsByType").EnumerateArray().ToDictionary(t => t.GetProperty("operation").GetString()!, t => t.GetProperty("count").GetInt64());
        Assert.Equal(["select-only", "tpcb-like"], types.Keys.Order());
        Assert.All(types, t => Assert.True(t.Value > 0, $"{t.Key} never ran"));
        Assert.Equal(0, ResultsJson.Reads(cell, "primary"));
        Assert.True(ResultsJson.Reads(cell, "replica") > 0, "select-only must be served by the replicas");
        Assert.True(ResultsJson.Writes(cell, "primary") > 0, "tpcb-like must run on the primary");
        Assert.Equal(0, ResultsJson.Writes(cell, "replica"));

        // --no-seed: the suite's own table is left as it was (absent, or with the rows it had).
        Assert.Equal(suiteRowsBefore, await SuiteRowsAsync(topology.Primary.ConnectionString));
        var recorded = results.RootElement.GetProperty("run").GetProperty("settings");
        Assert.True(recorded.GetProperty("noSeed").GetBoolean());
        Assert.Equal([$"{selectOnly}@3", tpcbLike], recorded.GetProperty("scripts").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task A_script_marked_read_that_writes_and_one_that_fails_in_the_client_are_each_reported_once()
    {
        var topology = fixture.Topology;
        await RunAsync(PostgresBinaries.Locate().Tool("pgbench"), ["-i", "-s", "1", "-q", "-n"], topology.Primary.ConnectionString);
        var script = Path.Combine(_folder, "touch-history.sql");
        await File.WriteAllTextAsync(script, "-- replicabench: read\nINSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (1, 1, 1, 0, now());\n", Token);
        var divide = Path.Combine(_folder, "divide.sql");
        await File.WriteAllTextAsync(divide, "\\set x 1 / 0\nSELECT :x;\n", Token);
        var output = Path.Combine(_folder, "misclassified");
        var settings = LoadMatrixSettingsFactory.Create(
            new LoadSettings
            {
                Scripts = [script, divide],
                NoSeed = true,
                Policies = ["round-robin"],
                Vus = 2,
                Duration = "1s",
                Warmup = "200ms",
                VisibilityProbe = "off",
                StateDir = fixture.StateDirectory.Path,
                Out = output,
            },
            Scenarios.Resolve);

        await LoadMatrixRunner.RunAsync(settings with { FirstCellExtraWarmUp = TimeSpan.Zero }, new SilentMatrixProgress(), TimeProvider.System, Token);

        using var results = ResultsJson.Read(output);
        var cell = Assert.Single(ResultsJson.CellsById(results)).Value;
        Assert.True(cell.GetProperty("errors").GetInt64() > 0, "the replicas must refuse the write");
        var warning = Assert.Single(cell.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!), w => w.Contains("touch-history", StringComparison.Ordinal));
        Assert.Contains("was classified as a read but writes", warning, StringComparison.Ordinal);
        Assert.Contains("-- replicabench: write", warning, StringComparison.Ordinal);
        var failed = Assert.Single(cell.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!), w => w.Contains("'divide'", StringComparison.Ordinal));
        Assert.Contains("failed in the client, counted as error 'script-error'", failed, StringComparison.Ordinal);
        Assert.Contains("division by zero", failed, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<long?> SuiteRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('replicabench.items') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(Token) is not true)
        {
            return null;
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM replicabench.items", connection);
        return (long)(await count.ExecuteScalarAsync(Token))!;
    }

    /// <summary>Runs pgbench with the node's connection details in its environment (never on its command line); returns what it printed (--show-script prints to standard error).</summary>
    private static async Task<(string Output, string Errors)> RunAsync(string pgbench, IReadOnlyList<string> arguments, string? connectionString)
    {
        var start = new ProcessStartInfo(pgbench) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (connectionString is not null)
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            start.Environment["PGHOST"] = builder.Host;
            start.Environment["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["PGUSER"] = builder.Username;
            start.Environment["PGPASSWORD"] = builder.Password;
            start.Environment["PGDATABASE"] = builder.Database;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var errors = process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        Assert.True(process.ExitCode == 0, $"pgbench {string.Join(' ', arguments)} failed: {await errors}");
        return (await output, await errors);
    }
}
