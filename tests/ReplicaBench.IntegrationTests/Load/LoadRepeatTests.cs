using ReplicaBench.Engine;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.IntegrationTests.Workload;
using ReplicaBench.LoadTests;
using ReplicaBench.Routing;
using ReplicaBench.Runs;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>'load --repeat 2' on the shared topology: every cell twice, the policies alternating, the first repeat under its plain id.</summary>
public sealed class LoadRepeatTests(SharedTopologyFixture fixture) : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("rb-it-repeat-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task Two_repeats_of_two_policies_run_A_B_A_B_with_ids_plain_then_hash_2_each_with_its_own_files()
    {
        _ = fixture.Topology;
        var settings = new LoadMatrixSettings
        {
            Scenario = new PointReadScenario(),
            Policies = [RoutingPolicySpec.PrimaryOnly, RoutingPolicySpec.RoundRobin],
            Load = LoadShape.Closed(2),
            Duration = TimeSpan.FromSeconds(1),
            WarmUp = TimeSpan.FromMilliseconds(200),
            FirstCellExtraWarmUp = TimeSpan.Zero,
            VisibilityProbeSpacing = null,
            SeedRows = WorkloadDatabase.SharedRows,
            Repeat = 2,
            StateDirectory = fixture.StateDirectory,
            OutputDirectory = _output,
            SettingsForResults = new Dictionary<string, object?> { ["scenario"] = "point-read", ["repeat"] = 2 },
        };
        var started = new List<string>();

        var outcome = await LoadMatrixRunner.RunAsync(settings, new StartedCells(started), TimeProvider.System, TestContext.Current.CancellationToken);

        string[] ids = ["r2-primary-only", "r2-round-robin", "r2-primary-only#2", "r2-round-robin#2"];
        Assert.Equal(ids, started);
        Assert.Equal(ids, outcome.Cells.Select(c => c.Id));
        Assert.Equal([1, 1, 2, 2], outcome.Cells.Select(c => c.Repeat));
        Assert.All(outcome.Cells, c => Assert.True(c.Result.Total.Succeeded > 0, $"{c.Id} ran nothing"));
        Assert.All(ids, id => Assert.True(File.Exists(Path.Combine(_output, "cells", id, "latency.hlog")), $"{id} has no histogram log"));
        using var results = ResultsJson.Read(_output);
        Assert.Equal(ids.Order(), ResultsJson.CellsById(results).Keys.Order());
    }

    private sealed class StartedCells(List<string> started) : IMatrixProgress
    {
        public void Step(string message)
        {
        }

        public void CellStarted(string cellId, int index, int cellCount, TimeSpan warmUp, TimeSpan duration)
        {
            Assert.Equal(4, cellCount);
            started.Add(cellId);
        }

        public void Interval(ReplicaBench.Engine.RunResults.TimeSeriesPoint point, IReadOnlyDictionary<string, double> replayLagMs)
        {
        }

        public void CellFinished(MatrixCell cell)
        {
        }
    }
}
