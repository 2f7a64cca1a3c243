using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.LoadTests;
using ReplicaBench.Runs;
using ReplicaBench.Runs.Settings;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>
/// A replica-count sweep over a topology that is already up (as over an external topology's
/// endpoints): <c>--replicas 0,1,2 --state-dir</c> runs k replicas as the first k of them.
/// </summary>
public sealed class StateDirSweepTests(SharedTopologyFixture fixture) : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("rb-it-sweep-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task Each_replica_count_uses_the_first_that_many_replicas_and_no_other()
    {
        _ = fixture.Topology;
        var settings = LoadMatrixSettingsFactory.Create(
            new LoadSettings
            {
                Scenario = "point-read",
                Replicas = [0, 1, 2],
                Policies = ["round-robin"],
                Vus = 2,
                Duration = "1s",
                Warmup = "300ms",
                SeedRows = 1_000,
                VisibilityProbe = "off",
                StateDir = fixture.StateDirectory.Path,
                Out = _output,
            },
            Scenarios.Resolve);

        var outcome = await LoadMatrixRunner.RunAsync(settings with { FirstCellExtraWarmUp = TimeSpan.Zero }, new SilentMatrixProgress(), TimeProvider.System, Token);

        Assert.True(outcome.Complete);
        using var results = ResultsJson.Read(_output);
        var cells = ResultsJson.CellsById(results);
        Assert.Equal(["r0-round-robin", "r1-round-robin", "r2-round-robin"], cells.Keys.Order());
        Assert.Equal(0, ResultsJson.Reads(cells["r0-round-robin"], "replica"));
        Assert.Equal(["primary", "replica1"], NodeNames(cells["r1-round-robin"]));
        Assert.True(ReadsOf(cells["r1-round-robin"], "replica1") > 0, "r1 must read from replica1");
        Assert.Equal(0, ResultsJson.Reads(cells["r1-round-robin"], "primary"));
        Assert.Equal(["primary", "replica1", "replica2"], NodeNames(cells["r2-round-robin"]));
        Assert.True(ReadsOf(cells["r2-round-robin"], "replica2") > 0, "r2 must read from replica2 too");
    }

    private static string[] NodeNames(System.Text.Json.JsonElement cell) =>
        [.. cell.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()!)];

    private static long ReadsOf(System.Text.Json.JsonElement cell, string node) =>
        cell.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == node).GetProperty("reads").GetInt64();
}
