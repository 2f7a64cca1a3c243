using System.Globalization;
using System.Text.Json;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>
/// <c>load --agents 2</c> on the shared topology, as a user runs it: two agent processes (shards of
/// one matrix with the same <c>--start-at</c>), each a complete run folder of its own under
/// <c>agents/</c>. Both start every cell at the same wall-clock instant, only the first seeds and
/// probes, and the run folder records them as its shards and holds exactly their summed operations
/// and their added histograms' p99.
/// </summary>
public sealed class AgentsRunTests(SharedTopologyFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rb-it-agents-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>
    /// Each agent waits on its own timer for the same planned instant; the timer wakes a millisecond
    /// or two late on an idle machine, and tens of milliseconds on a loaded 2-core one.
    /// </summary>
    private static readonly TimeSpan StartTolerance = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Two_agents_start_every_cell_together_only_the_first_seeds_and_probes_and_merge_exactly()
    {
        _ = fixture.Topology;
        var output = Path.Combine(_root, "run");
        var (code, stdout, stderr) = await CliProcess.RunAsync(
        [
            "load", "--scenario", "point-read", "--replicas", "2", "--policy", "primary-only,round-robin", "--vus", "4",
            "--duration", "2s", "--warmup", "500ms", "--generator-warmup", "0s", "--seed-rows", "1000", "--state-dir", fixture.StateDirectory.Path,
            "--agents", "2", "--out", output,
        ]);

        Assert.True(code == ExitCodes.Success, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        string[] agents = [Path.Combine(output, "agents", "agent-1"), Path.Combine(output, "agents", "agent-2")];
        using var merged = ResultsJson.Read(output);
        var shards = merged.RootElement.GetProperty("shards").EnumerateArray().ToList();
        Assert.Equal(["1/2", "2/2"], shards.Select(s => s.GetProperty("shard").GetString()));
        Assert.Equal(agents, shards.Select(s => s.GetProperty("origin").GetString()));
        Assert.All(agents, a => Assert.True(File.Exists(a + ".log"), $"no log for {a}"));

        using var one = ResultsJson.Read(agents[0]);
        using var two = ResultsJson.Read(agents[1]);
        AssertAgent(one.RootElement, 1, seededAndProbed: true);
        AssertAgent(two.RootElement, 2, seededAndProbed: false);

        // The same start instant for both, chosen by the parent.
        var startAt = one.RootElement.GetProperty("run").GetProperty("shard").GetProperty("startAt").GetString();
        Assert.Equal(startAt, two.RootElement.GetProperty("run").GetProperty("shard").GetProperty("startAt").GetString());

        string[] cells = ["r2-primary-only", "r2-round-robin"];
        foreach (var results in new[] { one, two })
        {
            var byId = ResultsJson.CellsById(results);
            Assert.Equal(cells, byId.Keys.Order());
            Assert.All(byId.Values, c => Assert.True(c.GetProperty("operations").GetInt64() > 0, $"{c.GetProperty("id")} ran no operations"));
            Assert.Equal(2, byId["r2-primary-only"].GetProperty("virtualUsers").GetProperty("count").GetInt32()); // 4 VUs over 2 agents
        }

        // Agent 2 neither probes nor samples lag: its cells carry no visibility and no server lag.
        Assert.All(ResultsJson.CellsById(two).Values, c => Assert.True(IsEmpty(c, "visibility") && IsEmpty(c, "lag"), $"{c.GetProperty("id")} of agent 2 has probe or lag figures"));
        Assert.Contains(ResultsJson.CellsById(one).Values, c => !IsEmpty(c, "visibility"));

        var startsOne = Starts(one.RootElement);
        var startsTwo = Starts(two.RootElement);
        foreach (var cell in cells)
        {
            Assert.Equal(startsOne[cell].Planned, startsTwo[cell].Planned);
            var apart = (startsOne[cell].Started - startsTwo[cell].Started).Duration();
            Assert.True(apart <= StartTolerance, $"{cell} started {apart.TotalMilliseconds:0} ms apart on the two agents (tolerance {StartTolerance.TotalMilliseconds} ms)");
            Assert.True(startsOne[cell].Started - startsOne[cell].Planned <= StartTolerance, $"{cell} started {(startsOne[cell].Started - startsOne[cell].Planned).TotalMilliseconds:0} ms after its planned instant");
        }

        // The merge: per cell, operations are the agents' sum (exactly) and p99 is the p99 of their
        // measured histograms added, read back here with HdrHistogram's own log reader (within
        // 0.001 ms: results.json rounds to the microsecond the histograms count in).
        var (byIdOne, byIdTwo, byIdMerged) = (ResultsJson.CellsById(one), ResultsJson.CellsById(two), ResultsJson.CellsById(merged));
        foreach (var cell in cells)
        {
            var sum = byIdOne[cell].GetProperty("operations").GetInt64() + byIdTwo[cell].GetProperty("operations").GetInt64();
            Assert.Equal(sum, byIdMerged[cell].GetProperty("operations").GetInt64());
            var added = MeasuredHistograms.Added(agents.Select(a => MeasuredHistograms.LogOf(a, cell)));
            Assert.Equal(sum - byIdMerged[cell].GetProperty("errors").GetInt64(), added.TotalCount);
            var p99 = added.GetValueAtPercentile(99) / 1000.0;
            Assert.Equal(p99, byIdMerged[cell].GetProperty("latencyMs").GetProperty("p99").GetDouble(), 0.001);
            Assert.Contains($"{cell} (2 agents):", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_agent_that_refuses_its_part_stops_the_others_at_once()
    {
        _ = fixture.Topology;
        // Agent 2 serves metrics on P + 1, which is taken; agent 1 would otherwise measure a 60 s cell.
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port - 1;
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var (code, stdout, stderr) = await CliProcess.RunAsync(
        [
            "load", "--scenario", "point-read", "--replicas", "2", "--policy", "round-robin", "--vus", "2",
            "--duration", "60s", "--warmup", "500ms", "--generator-warmup", "0s", "--seed-rows", "1000", "--state-dir", fixture.StateDirectory.Path,
            "--agents", "2", "--metrics-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", Path.Combine(_root, "refused"),
        ]);

        Assert.True(code == ExitCodes.BadInput, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("replicabench: agent 2 refused its part: ", line, StringComparison.Ordinal);
        Assert.Contains("--metrics-port", line, StringComparison.Ordinal);
        // Agent 1 is stopped (SIGINT after 1 s, ended after 20 s at most), long before its 60 s cell would end.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(40), $"the refused run took {watch.Elapsed.TotalSeconds:0} s");
    }

    private static void AssertAgent(JsonElement results, int index, bool seededAndProbed)
    {
        var run = results.GetProperty("run");
        var shard = run.GetProperty("shard");
        Assert.Equal(index, shard.GetProperty("index").GetInt32());
        Assert.Equal(2, shard.GetProperty("count").GetInt32());
        Assert.Equal(seededAndProbed, shard.GetProperty("seeded").GetBoolean());
        Assert.Equal(seededAndProbed, shard.GetProperty("probed").GetBoolean());
        Assert.Equal($"{index}/2", run.GetProperty("settings").GetProperty("shard").GetString());
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
