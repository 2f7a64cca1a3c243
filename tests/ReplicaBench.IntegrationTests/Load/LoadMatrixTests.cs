using ReplicaBench.Engine;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.LoadTests;
using ReplicaBench.Routing;
using ReplicaBench.Runs;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>
/// A real matrix: 0 and 2 replicas (provisioned by the runner itself) × primary-only and
/// round-robin, 2 s cells of the read-heavy scenario.
/// </summary>
public sealed class LoadMatrixTests(SharedTopologyFixture fixture) : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("rb-it-load-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task Reads_reach_replicas_only_under_round_robin_with_replicas()
    {
        _ = fixture.Topology; // skips (or fails under CI) without PostgreSQL, like every test here
        var settings = new LoadMatrixSettings
        {
            Scenario = new ReadHeavyScenario(),
            Replicas = [0, 2],
            Policies = [RoutingPolicySpec.PrimaryOnly, RoutingPolicySpec.RoundRobin],
            Load = LoadShape.Closed(4),
            Duration = TimeSpan.FromSeconds(2),
            WarmUp = TimeSpan.FromMilliseconds(500),
            FirstCellExtraWarmUp = TimeSpan.FromSeconds(1),
            SeedRows = 1_000,
            OutputDirectory = _output,
            SettingsForResults = new Dictionary<string, object?> { ["scenario"] = "read-heavy" },
        };

        var outcome = await LoadMatrixRunner.RunAsync(settings, new SilentMatrixProgress(), TimeProvider.System, Token);

        Assert.True(outcome.Complete);
        using var results = ResultsJson.Read(_output);
        Assert.True(results.RootElement.GetProperty("run").GetProperty("complete").GetBoolean());
        var cells = ResultsJson.CellsById(results);
        Assert.Equal(["r0-primary-only", "r0-round-robin", "r2-primary-only", "r2-round-robin"], cells.Keys.Order());
        foreach (var (id, cell) in cells)
        {
            Assert.True(cell.GetProperty("operations").GetInt64() > 0, $"{id} ran no operations");
            Assert.Equal(0, cell.GetProperty("errors").GetInt64());
            Assert.True(ResultsJson.Writes(cell, "primary") > 0, $"{id}: writes must run on the primary");
            Assert.Equal(0, ResultsJson.Writes(cell, "replica"));
            Assert.True(File.Exists(Path.Combine(_output, cell.GetProperty("files").GetProperty("histogramLog").GetString()!)), $"{id} has no histogram log");
        }

        Assert.Equal(0, ResultsJson.Reads(cells["r0-primary-only"], "replica"));
        Assert.Equal(0, ResultsJson.Reads(cells["r0-round-robin"], "replica"));
        Assert.Equal(0, ResultsJson.Reads(cells["r2-primary-only"], "replica"));
        var roundRobin = cells["r2-round-robin"];
        Assert.All(
            roundRobin.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("role").GetString() == "replica"),
            replica => Assert.True(replica.GetProperty("reads").GetInt64() > 0, $"{replica.GetProperty("name")} served no reads"));
        Assert.Equal(0, ResultsJson.Reads(roundRobin, "primary"));
        Assert.NotEmpty(roundRobin.GetProperty("lag").EnumerateArray());

        // The visibility probe ran beside the load in the cells with replicas, one entry per replica.
        Assert.Empty(cells["r0-round-robin"].GetProperty("visibility").EnumerateArray());
        var visibility = roundRobin.GetProperty("visibility").EnumerateArray().ToArray();
        Assert.Equal(["replica1", "replica2"], visibility.Select(v => v.GetProperty("replica").GetString()));
        Assert.All(visibility, v =>
        {
            Assert.True(v.GetProperty("samples").GetInt64() > 0, $"{v.GetProperty("replica")} has no visibility samples");
            Assert.False(string.IsNullOrEmpty(v.GetProperty("histogram").GetString()));
        });

        // Every replica read of the measured window has its staleness bound recorded, once (the
        // engine counts a read by when it completed, the bound by when it was routed: a read in
        // flight at the window's start, at most one per virtual user, can fall on either side);
        // every cell with replicas waited for them to replay the primary first, well within the limit.
        var domain = outcome.Cells.ToDictionary(c => c.Id);
        var replicaReads = domain["r2-round-robin"].Result.Nodes.Where(n => n.Role == ReplicaBench.Engine.NodeRole.Replica).Sum(n => n.Stats.Succeeded);
        var served = domain["r2-round-robin"].ServedStaleness!.Total;
        Assert.InRange(served.Reads + served.Unbounded, replicaReads - 4, replicaReads + 4);
        Assert.Null(domain["r0-round-robin"].ServedStaleness);
        Assert.Null(domain["r0-round-robin"].CatchUp);
        Assert.All([domain["r2-primary-only"], domain["r2-round-robin"]], c => Assert.False(c.CatchUp!.TimedOut, c.CatchUp.Warning));

        // Only the run's first cell warms up longer: it warms the load generator as well.
        Assert.Equal(1.5, cells["r0-primary-only"].GetProperty("warmUpSeconds").GetDouble(), 1);
        Assert.Equal(0.5, roundRobin.GetProperty("warmUpSeconds").GetDouble(), 1);

        // The time series counts from the start of the measured window: the first point ends about 1 s in.
        var firstPoint = roundRobin.GetProperty("timeSeries").EnumerateArray().First().GetProperty("t").GetDouble();
        Assert.InRange(firstPoint, 0.5, 1.5);
    }
}
