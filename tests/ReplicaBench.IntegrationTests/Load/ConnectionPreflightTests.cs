using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>
/// The case, small: more virtual users than the server accepts must never start (and time
/// out half its operations); one that fits runs. A topology of its own, since it needs a small
/// max_connections: one primary (no replicas, to stay quick) with <c>--max-connections 20</c>.
/// </summary>
public sealed class ConnectionPreflightTests : IDisposable
{
    private readonly OwnTopologyFolders _folders = new();
    private readonly string _runs = Directory.CreateTempSubdirectory("rb-it-preflight-").FullName;

    public ConnectionPreflightTests()
    {
        PostgresRequirement.Ensure();
    }

    public void Dispose()
    {
        _folders.Dispose();
        Directory.Delete(_runs, recursive: true);
    }

    [Fact]
    public async Task Fifty_users_on_twenty_connections_are_refused_before_anything_starts_and_sixteen_run()
    {
        var environment = new Dictionary<string, string> { [LocalTopologyProvider.DataRootEnvironmentVariable] = _folders.DataParent };
        var up = await CliProcess.RunAsync(["topology", "up", "--replicas", "0", "--max-connections", "20", "--state-dir", _folders.State.Path], environment);
        Assert.True(up.Code == 0, up.Stderr);
        Assert.Equal(20, _folders.State.Read().MaxConnections);
        try
        {
            var refusedOut = Path.Combine(_runs, "refused");
            string[] Load(int users, string output) =>
                ["load", "--state-dir", _folders.State.Path, "--scenario", "point-read", "--policy", "primary-only", "--vus", users.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "--duration", "1s", "--warmup", "0s", "--generator-warmup", "0s", "--seed-rows", "1000", "--out", output];

            var refused = await CliProcess.RunAsync(Load(50, refusedOut));
            var check = await CliProcess.RunAsync([.. Load(50, refusedOut), "--check"]);

            // 20 - 3 reserved - 0 in use = 17 free; the suite's seeding keeps 1, so 16 users fit.
            foreach (var (code, stdout, stderr) in new[] { refused, check })
            {
                Assert.True(code == ExitCodes.BadInput, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
                var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.StartsWith(
                    "replicabench: not enough connections for 50 virtual users: primary needs 51 (50 for the users + 1 of the suite's own) but accepts 17 (max_connections 20 - 3 reserved - 0 in use); use at most 16 --vus",
                    line,
                    StringComparison.Ordinal);
                Assert.Contains("topology up --max-connections 60", line, StringComparison.Ordinal);
                Assert.Contains("--pooler pgbouncer", line, StringComparison.Ordinal);
            }

            Assert.False(Directory.Exists(refusedOut), "a refused run must not create its run folder");

            var fitsOut = Path.Combine(_runs, "fits");
            var fits = await CliProcess.RunAsync(Load(16, fitsOut));
            Assert.True(fits.Code == ExitCodes.Success, $"exit {fits.Code}; stdout: {fits.Stdout}; stderr: {fits.Stderr}");
            using var results = ResultsJson.Read(fitsOut);
            var cell = ResultsJson.CellsById(results)["r0-primary-only"];
            Assert.True(cell.GetProperty("operations").GetInt64() > 0);
            Assert.Equal(0, cell.GetProperty("errors").GetInt64());

            // 8 sessions held open, as another shard's would be: 17 - 8 = 9 free, so 12 users alone do
            // not fit; a shard checks its whole run (12 users + 1 suite connection per shard = 14 of 17)
            // without counting the sessions open now, which may be the other shards'.
            var held = new List<Npgsql.NpgsqlConnection>();
            try
            {
                for (var i = 0; i < 8; i++)
                {
                    held.Add(await NodeConnections.OpenAsync(_folders.State.Read().Primary, TestContext.Current.CancellationToken, b => b.Pooling = false));
                }

                var alone = await CliProcess.RunAsync([.. Load(12, refusedOut), "--check"]);
                Assert.True(alone.Code == ExitCodes.BadInput, $"exit {alone.Code}; stdout: {alone.Stdout}; stderr: {alone.Stderr}");
                Assert.Contains("accepts 9 (max_connections 20 - 3 reserved - 8 in use)", alone.Stderr, StringComparison.Ordinal);

                var startAt = TimeProvider.System.GetUtcNow().AddMinutes(5).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                var shard = await CliProcess.RunAsync([.. Load(12, refusedOut), "--shard", "1/2", "--start-at", startAt, "--check"]);
                Assert.True(shard.Code == ExitCodes.Success, $"exit {shard.Code}; stdout: {shard.Stdout}; stderr: {shard.Stderr}");
            }
            finally
            {
                foreach (var connection in held)
                {
                    await connection.DisposeAsync();
                }
            }
        }
        finally
        {
            var down = await CliProcess.RunAsync(["topology", "down", "--state-dir", _folders.State.Path]);
            Assert.True(down.Code == 0, down.Stderr);
        }
    }
}
