using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>
/// <c>load --agents 2</c> on the shared topology, as a user runs it: two agent processes, each a
/// complete run folder of its own under <c>agents/</c>, merged into the run folder, which records
/// them as its shards and holds exactly their summed operations and their added histograms' p99.
/// </summary>
public sealed class AgentsRunTests(SharedTopologyFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rb-it-agents-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Two_agents_leave_a_merged_run_that_records_its_shards()
    {
        _ = fixture.Topology;
        var output = Path.Combine(_root, "run");
        var (code, stdout, stderr) = await CliProcess.RunAsync(
        [
            "load", "--scenario", "point-read", "--replicas", "2", "--policy", "round-robin", "--vus", "4",
            "--duration", "2s", "--warmup", "500ms", "--seed-rows", "1000", "--state-dir", fixture.StateDirectory.Path,
            "--agents", "2", "--out", output,
        ]);

        Assert.True(code == ExitCodes.Success, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        string[] agents = [Path.Combine(output, "agents", "agent-1"), Path.Combine(output, "agents", "agent-2")];
        using var merged = ResultsJson.Read(output);
        var shards = merged.RootElement.GetProperty("shards").EnumerateArray().ToList();
        Assert.Equal(["1/2", "2/2"], shards.Select(s => s.GetProperty("shard").GetString()));
        Assert.Equal(agents, shards.Select(s => s.GetProperty("origin").GetString()));
        Assert.All(agents, a => Assert.True(File.Exists(a + ".log"), $"no log for {a}"));

        // The same start instant for both, chosen by the parent, and recorded in the merged settings.
        using var one = ResultsJson.Read(agents[0]);
        using var two = ResultsJson.Read(agents[1]);
        var startAt = one.RootElement.GetProperty("run").GetProperty("shard").GetProperty("startAt").GetString();
        Assert.Equal(startAt, two.RootElement.GetProperty("run").GetProperty("shard").GetProperty("startAt").GetString());
        Assert.False(two.RootElement.GetProperty("run").GetProperty("shard").GetProperty("seeded").GetBoolean());

        const string cell = "r2-round-robin";
        var sum = ResultsJson.CellsById(one)[cell].GetProperty("operations").GetInt64() + ResultsJson.CellsById(two)[cell].GetProperty("operations").GetInt64();
        var mergedCell = ResultsJson.CellsById(merged)[cell];
        Assert.True(sum > 0, "the agents ran no operations");
        Assert.Equal(sum, mergedCell.GetProperty("operations").GetInt64());
        var p99 = MeasuredHistograms.Added(agents.Select(a => MeasuredHistograms.LogOf(a, cell))).GetValueAtPercentile(99) / 1000.0;
        Assert.Equal(p99, mergedCell.GetProperty("latencyMs").GetProperty("p99").GetDouble(), 0.001);
        Assert.Contains($"{cell} (2 agents):", stdout, StringComparison.Ordinal);
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
            "--duration", "60s", "--warmup", "500ms", "--seed-rows", "1000", "--state-dir", fixture.StateDirectory.Path,
            "--agents", "2", "--metrics-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", Path.Combine(_root, "refused"),
        ]);

        Assert.True(code == ExitCodes.BadInput, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("replicabench: agent 2 refused its part: ", line, StringComparison.Ordinal);
        Assert.Contains("--metrics-port", line, StringComparison.Ordinal);
        // Agent 1 is stopped (SIGINT after 1 s, ended after 20 s at most), long before its 60 s cell would end.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(40), $"the refused run took {watch.Elapsed.TotalSeconds:0} s");
    }
}
