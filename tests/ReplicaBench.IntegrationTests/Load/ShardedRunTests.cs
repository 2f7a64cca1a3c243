using System.Globalization;
using System.Text.Json;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Runs.Merging;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>
/// Two shard processes of one matrix, side by side on the shared topology with the same
/// <c>--start-at</c>: both complete their cells with load of their own, only shard 1 seeds and
/// probes, each cell's load starts at the same wall-clock instant on both, and their merge holds
/// exactly the sum of their operations and the percentiles of their histograms added.
/// </summary>
public sealed class ShardedRunTests(SharedTopologyFixture fixture) : IDisposable
{
    /// <summary>
    /// Each shard waits on its own timer for the same planned instant; the timer wakes a millisecond
    /// or two late on an idle machine, and tens of milliseconds on a loaded 2-core one.
    /// </summary>
    private static readonly TimeSpan StartTolerance = TimeSpan.FromMilliseconds(50);

    private readonly string _root = Directory.CreateTempSubdirectory("rb-it-shards-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Two_shards_start_every_cell_together_and_only_the_first_seeds_and_probes()
    {
        _ = fixture.Topology;
        // Far enough ahead for both processes to start, and shard 1 to seed 1,000 rows, before the first cell.
        var startAt = TimeProvider.System.GetUtcNow().AddSeconds(8);
        var startText = startAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        using var first = Shard(1, startText);
        using var second = Shard(2, startText);

        var codes = await Task.WhenAll(first.WaitAsync(TimeSpan.FromSeconds(120)), second.WaitAsync(TimeSpan.FromSeconds(120)));

        Assert.True(codes[0] == ExitCodes.Success, $"shard 1: exit {codes[0]}; stdout: {first.Stdout}; stderr: {first.Stderr}");
        Assert.True(codes[1] == ExitCodes.Success, $"shard 2: exit {codes[1]}; stdout: {second.Stdout}; stderr: {second.Stderr}");
        using var one = ResultsJson.Read(Path.Combine(_root, "shard1"));
        using var two = ResultsJson.Read(Path.Combine(_root, "shard2"));
        AssertShard(one.RootElement, 1, seededAndProbed: true, startText);
        AssertShard(two.RootElement, 2, seededAndProbed: false, startText);

        string[] cells = ["r2-primary-only", "r2-round-robin"];
        foreach (var results in new[] { one, two })
        {
            var byId = ResultsJson.CellsById(results);
            Assert.Equal(cells, byId.Keys.Order());
            Assert.All(byId.Values, c => Assert.True(c.GetProperty("operations").GetInt64() > 0, $"{c.GetProperty("id")} ran no operations"));
            Assert.Equal(2, byId["r2-primary-only"].GetProperty("virtualUsers").GetProperty("count").GetInt32()); // 4 VUs over 2 shards
        }

        // Shard 2 neither probes nor samples lag: its cells carry no visibility and no server lag.
        Assert.All(ResultsJson.CellsById(two).Values, c => Assert.True(IsEmpty(c, "visibility") && IsEmpty(c, "lag"), $"{c.GetProperty("id")} of shard 2 has probe or lag figures"));
        Assert.Contains(ResultsJson.CellsById(one).Values, c => !IsEmpty(c, "visibility"));

        var startsOne = Starts(one.RootElement);
        var startsTwo = Starts(two.RootElement);
        foreach (var cell in cells)
        {
            Assert.Equal(startsOne[cell].Planned, startsTwo[cell].Planned);
            var apart = (startsOne[cell].Started - startsTwo[cell].Started).Duration();
            Assert.True(apart <= StartTolerance, $"{cell} started {apart.TotalMilliseconds:0} ms apart on the two shards (tolerance {StartTolerance.TotalMilliseconds} ms)");
            Assert.True(startsOne[cell].Started - startsOne[cell].Planned <= StartTolerance, $"{cell} started {(startsOne[cell].Started - startsOne[cell].Planned).TotalMilliseconds:0} ms after its planned instant");
        }

        Assert.Equal(startAt.UtcDateTime, startsOne[cells[0]].Planned.UtcDateTime, TimeSpan.FromMilliseconds(1));
        AssertMergedExactly(cells);
    }

    /// <summary>
    /// The merge of the two shards: per cell, operations are the shards' sum (exactly) and p99 is the
    /// p99 of the shards' measured histograms added, read back here with HdrHistogram's own log reader
    /// (within 0.001 ms: results.json rounds to the microsecond the histograms count in).
    /// </summary>
    private void AssertMergedExactly(IReadOnlyList<string> cells)
    {
        string[] shards = [Path.Combine(_root, "shard1"), Path.Combine(_root, "shard2")];
        var merged = Path.Combine(_root, "merged");
        var results = RunMerger.Merge(shards, merged);

        using var one = ResultsJson.Read(shards[0]);
        using var two = ResultsJson.Read(shards[1]);
        using var written = ResultsJson.Read(merged);
        var (byIdOne, byIdTwo, byIdMerged) = (ResultsJson.CellsById(one), ResultsJson.CellsById(two), ResultsJson.CellsById(written));
        Assert.Equal(2, results.Shards!.Count);
        foreach (var cell in cells)
        {
            var sum = byIdOne[cell].GetProperty("operations").GetInt64() + byIdTwo[cell].GetProperty("operations").GetInt64();
            Assert.Equal(sum, byIdMerged[cell].GetProperty("operations").GetInt64());

            var added = MeasuredHistograms.Added(shards.Select(s => MeasuredHistograms.LogOf(s, cell)));
            var errors = byIdMerged[cell].GetProperty("errors").GetInt64();
            Assert.Equal(sum - errors, added.TotalCount);
            var p99 = added.GetValueAtPercentile(99) / 1000.0;
            var mergedP99 = byIdMerged[cell].GetProperty("latencyMs").GetProperty("p99").GetDouble();
            Assert.True(Math.Abs(mergedP99 - p99) <= 0.001, $"{cell}: merged p99 {mergedP99} ms, the added histograms' p99 {p99} ms");
        }
    }

    private CliProcess Shard(int index, string startAt) => CliProcess.Start(
    [
        "load", "--scenario", "point-read", "--replicas", "2", "--policy", "primary-only,round-robin", "--vus", "4",
        "--duration", "2s", "--warmup", "500ms", "--seed-rows", "1000", "--state-dir", fixture.StateDirectory.Path,
        "--shard", $"{index}/2", "--start-at", startAt, "--out", Path.Combine(_root, $"shard{index}"),
    ]);

    private static void AssertShard(JsonElement results, int index, bool seededAndProbed, string startAt)
    {
        var run = results.GetProperty("run");
        var shard = run.GetProperty("shard");
        Assert.Equal(index, shard.GetProperty("index").GetInt32());
        Assert.Equal(2, shard.GetProperty("count").GetInt32());
        Assert.Equal(seededAndProbed, shard.GetProperty("seeded").GetBoolean());
        Assert.Equal(seededAndProbed, shard.GetProperty("probed").GetBoolean());
        Assert.Equal($"{index}/2", run.GetProperty("settings").GetProperty("shard").GetString());
        Assert.Equal(startAt, run.GetProperty("settings").GetProperty("startAt").GetString());
        Assert.True(run.GetProperty("complete").GetBoolean());
    }

    private static Dictionary<string, (DateTimeOffset Planned, DateTimeOffset Started)> Starts(JsonElement results) =>
        results.GetProperty("run").GetProperty("shard").GetProperty("cellStarts").EnumerateArray().ToDictionary(
            s => s.GetProperty("cell").GetString()!,
            s => (Instant(s, "plannedAt"), Instant(s, "startedAt")));

    private static DateTimeOffset Instant(JsonElement start, string name) =>
        DateTimeOffset.Parse(start.GetProperty(name).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static bool IsEmpty(JsonElement cell, string property) =>
        !cell.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0);
}
