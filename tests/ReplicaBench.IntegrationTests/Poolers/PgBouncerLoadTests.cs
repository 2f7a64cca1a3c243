using System.Text.Json;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.IntegrationTests.Load;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Poolers;

/// <summary>
/// Loads through PgBouncer in transaction mode on a shared local topology (servers'
/// <c>max_connections</c> 200, <c>default_pool_size</c> 40): more virtual users than the servers
/// take connections, the built-in mix with writes, and a script, all without server-side prepared
/// statements and without an error.
/// </summary>
public sealed class PgBouncerLoadTests(PooledTopologyFixture pooled) : IClassFixture<PooledTopologyFixture>, IDisposable
{
    private const int VirtualUsers = 300;

    private readonly string _root = Directory.CreateTempSubdirectory("rb-it-pooler-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Three_hundred_virtual_users_through_pgbouncer_run_without_error_on_at_most_the_pool_size_of_server_connections()
    {
        PostgresRequirement.Ensure();
        var topology = pooled.Topology;
        var replica = topology.Pooler!.Nodes["replica1"];
        var output = Path.Combine(_root, "mix");

        // read-heavy: point and range reads, updates and inserts (batches), all unprepared here.
        var load = CliProcess.RunAsync(
        [
            "load", "--scenario", "read-heavy", "--policy", "round-robin", "--vus", $"{VirtualUsers}",
            "--duration", "2s", "--warmup", "1s", "--generator-warmup", "0s", "--seed-rows", "1000", "--state-dir", pooled.State.Path, "--out", output,
        ]);
        var counts = new ConnectionCounts();
        await counts.SampleUntilAsync(replica.PoolerPort, replica.ServerConnectionString, load, Token);
        var (code, stdout, stderr) = await load;

        Assert.True(code == 0, $"load exited {code}; stdout: {stdout}; stderr: {stderr}");
        using var results = ResultsJson.Read(output);
        var cell = Assert.Single(results.RootElement.GetProperty("cells").EnumerateArray());
        Assert.True(cell.GetProperty("errors").GetInt64() == 0, $"errors: {cell.GetProperty("errorsByKind")}");
        Assert.True(cell.GetProperty("operations").GetInt64() > 0);
        var pooler = results.RootElement.GetProperty("run").GetProperty("pooler");
        Assert.Equal("pgbouncer", pooler.GetProperty("name").GetString());
        Assert.Equal(PgBouncerConfig.DefaultPoolSize, pooler.GetProperty("defaultPoolSize").GetInt32());

        // Known answer: every virtual user keeps its own client connection to the replica's pooler
        // open across operations (the floor, exact), plus the suite's own: lag sampler, replica
        // monitor, visibility pollers, and the idle Npgsql pools that seeding and the catch-up check
        // leave behind (21 and 35 seen in two runs here; tolerance 60). The server never sees more
        // backends than the pool has, because every suite connection, samplers included, goes
        // through the pooler.
        TestContext.Current.TestOutputHelper?.WriteLine($"peak client connections {counts.PeakClients}, peak server backends {counts.PeakServerBackends}");
        Assert.InRange(counts.PeakClients, VirtualUsers, VirtualUsers + 60);
        Assert.InRange(counts.PeakServerBackends, 1, PgBouncerConfig.DefaultPoolSize);
    }

    [Fact]
    public async Task A_script_runs_unprepared_through_pgbouncer_without_prepared_statement_errors()
    {
        PostgresRequirement.Ensure();
        _ = pooled.Topology;
        var script = Path.Combine(_root, "lookup.sql");
        await File.WriteAllTextAsync(script, "\\set id random(1, 1000)\nSELECT :id + 1 AS next;\nSELECT count(*) FROM pg_class WHERE oid > :id;\n", Token);
        var output = Path.Combine(_root, "script");

        var (code, stdout, stderr) = await CliProcess.RunAsync(
        [
            "load", "--script", script, "--no-seed", "--policy", "round-robin", "--vus", "100",
            "--duration", "1s", "--warmup", "0s", "--generator-warmup", "0s", "--state-dir", pooled.State.Path, "--out", output,
        ]);

        Assert.True(code == 0, $"load exited {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.DoesNotContain("does not exist", stdout + stderr, StringComparison.Ordinal);
        using var results = ResultsJson.Read(output);
        var cell = Assert.Single(results.RootElement.GetProperty("cells").EnumerateArray());
        Assert.Equal(0, cell.GetProperty("errors").GetInt64());
        Assert.True(cell.GetProperty("operations").GetInt64() > 100, JsonSerializer.Serialize(cell.GetProperty("operations")));
    }
}
