using System.Text.Json;
using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.LoadTests;
using ReplicaBench.Routing;
using ReplicaBench.Runs;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>
/// One round-robin cell on the shared topology (2 replicas) with a warm-up as long as its measured
/// window: every count results.json gives the cell covers that window alone, and the cell's files
/// are there, under their final names, while it runs.
/// </summary>
public sealed class MeasuredWindowCellTests(SharedTopologyFixture fixture) : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("rb-it-window-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task A_cell_counts_routing_over_the_measured_window_only_and_streams_its_files_under_their_final_names()
    {
        _ = fixture.Topology;
        var cellDirectory = Path.Combine(_output, "cells", "r2-round-robin");
        var progress = new FileWatchingProgress(Path.Combine(cellDirectory, "series.jsonl"), Path.Combine(cellDirectory, "latency.hlog"));
        var settings = new LoadMatrixSettings
        {
            Scenario = new ReadHeavyScenario(),
            Policies = [RoutingPolicySpec.RoundRobin],
            Load = LoadShape.Closed(4),
            WarmUp = TimeSpan.FromSeconds(2),
            FirstCellExtraWarmUp = TimeSpan.Zero,
            Duration = TimeSpan.FromSeconds(2),
            SeedRows = 1_000,
            VisibilityProbeSpacing = null,
            StateDirectory = fixture.StateDirectory,
            OutputDirectory = _output,
            SettingsForResults = new Dictionary<string, object?> { ["scenario"] = "read-heavy" },
        };

        var outcome = await LoadMatrixRunner.RunAsync(settings, progress, TimeProvider.System, Token);

        Assert.True(outcome.Complete);
        var warmUp = Assert.Single(outcome.Cells).Result.WarmUp;
        Assert.True(warmUp.Completed > 100, $"the warm-up ran only {warmUp.Completed} operations: it cannot show that it is left out");

        using var results = ResultsJson.Read(_output);
        var cell = ResultsJson.CellsById(results)["r2-round-robin"];
        var nodes = cell.GetProperty("nodes").EnumerateArray().ToList();
        var nodeReads = nodes.Sum(n => n.GetProperty("reads").GetInt64());
        var nodeWrites = nodes.Sum(n => n.GetProperty("writes").GetInt64());
        var routing = cell.GetProperty("routing");
        var routedReads = routing.GetProperty("intendedVsServed").EnumerateArray().Sum(p => p.GetProperty("reads").GetInt64());

        Assert.True(nodeReads > 100, $"only {nodeReads} reads were measured");
        Assert.Equal(nodeReads, routedReads);
        foreach (var node in nodes)
        {
            var name = node.GetProperty("name").GetString();
            Assert.Equal(node.GetProperty("reads").GetInt64(), ServedBy(routing, name));
        }

        Assert.Equal(cell.GetProperty("operations").GetInt64() + cell.GetProperty("errors").GetInt64(), nodeReads + nodeWrites);
        Assert.InRange(routing.GetProperty("fallbacks").GetInt64(), 0, nodeReads);

        // While the cell ran, each closed interval had already reached the files results.json names.
        var during = progress.Seen;
        Assert.True(during.Count >= 4, $"only {during.Count} intervals were reported");
        Assert.All(during, s => Assert.True(s.SeriesLines > 0 && s.LogBytes > 0, "a streamed file was missing under its final name while the cell ran"));
        Assert.Equal(Enumerable.Range(2, during.Count), during.Select(s => s.SeriesLines));
        Assert.True(during.Zip(during.Skip(1)).All(p => p.Second.LogBytes > p.First.LogBytes), "the interval log did not grow as intervals closed");
        Assert.Equal("cells/r2-round-robin/series.jsonl", cell.GetProperty("files").GetProperty("series").GetString());
        Assert.Equal("cells/r2-round-robin/latency.hlog", cell.GetProperty("files").GetProperty("histogramLog").GetString());
    }

    private static long ServedBy(JsonElement routing, string? node) =>
        routing.GetProperty("intendedVsServed").EnumerateArray()
            .Where(p => p.GetProperty("served").GetString() == node)
            .Sum(p => p.GetProperty("reads").GetInt64());

    /// <summary>Looks at the cell's files each time an interval closes, i.e. while the cell is still running.</summary>
    private sealed class FileWatchingProgress(string series, string log) : IMatrixProgress
    {
        public List<(int SeriesLines, long LogBytes)> Seen { get; } = [];

        public void Step(string message)
        {
        }

        public void CellStarted(string cellId, int index, int cellCount, TimeSpan warmUp, TimeSpan duration)
        {
        }

        public void Interval(TimeSeriesPoint point, IReadOnlyDictionary<string, double> replayLagMs) =>
            Seen.Add((File.Exists(series) ? File.ReadAllLines(series).Length : 0, File.Exists(log) ? new FileInfo(log).Length : 0));

        public void CellFinished(MatrixCell cell)
        {
        }
    }
}
