using System.Diagnostics;
using System.Text.Json;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.IntegrationTests.Workload;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>'replicabench load' as a user runs it (a child process) on the shared topology via --state-dir.</summary>
public sealed class LoadCommandTests(SharedTopologyFixture fixture) : IDisposable
{
    private readonly string _output = Path.Combine(Directory.CreateTempSubdirectory("rb-it-load-").FullName, "run");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_output)!, recursive: true);

    [Fact]
    public async Task Sigint_halfway_leaves_a_valid_results_file_for_what_ran_and_exits_130()
    {
        _ = fixture.Topology;
        using var cli = CliProcess.Start(Arguments("point-read", "primary-only,round-robin", "4s"));

        // Interrupt once the first cell is in results.json, while the second runs.
        var waited = Stopwatch.StartNew();
        while (!cli.Stdout.Contains("load: r2-primary-only:", StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(100, Token);
        }

        Assert.Contains("load: r2-primary-only:", cli.Stdout, StringComparison.Ordinal);
        await Task.Delay(1500, Token);
        cli.Signal("INT");
        var code = await cli.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.Cancelled, code);
        using var results = ResultsJson.Read(_output);
        Assert.False(results.RootElement.GetProperty("run").GetProperty("complete").GetBoolean());
        var cells = ResultsJson.CellsById(results);
        Assert.True(cells["r2-primary-only"].GetProperty("operations").GetInt64() > 0);
        Assert.False(cells["r2-primary-only"].GetProperty("partial").GetBoolean());
        if (cells.TryGetValue("r2-round-robin", out var interrupted))
        {
            Assert.True(interrupted.GetProperty("partial").GetBoolean());
        }

        Assert.DoesNotContain("Password", File.ReadAllText(Path.Combine(_output, "results.json")), StringComparison.OrdinalIgnoreCase);
        Assert.True(fixture.StateDirectory.HasTopology, "a run on --state-dir must leave that topology up");
    }

    [Fact]
    public async Task A_breached_threshold_exits_1_and_names_the_threshold()
    {
        _ = fixture.Topology;
        var (code, stdout, stderr) = await CliProcess.RunAsync([.. Arguments("point-read", "primary-only", "1s"), "--threshold", "p99<1us", "--threshold", "errors<1%"]);

        Assert.True(code == ExitCodes.Failure, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.Contains("threshold breached in r2-primary-only: p99<1us", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("errors<1%", stderr, StringComparison.Ordinal);
        using var results = ResultsJson.Read(_output);
        var thresholds = ResultsJson.CellsById(results)["r2-primary-only"].GetProperty("thresholds").EnumerateArray().ToList();
        Assert.False(thresholds.Single(t => t.GetProperty("expression").GetString() == "p99<1us").GetProperty("passed").GetBoolean());
        Assert.True(thresholds.Single(t => t.GetProperty("expression").GetString() == "errors<1%").GetProperty("passed").GetBoolean());
        Assert.DoesNotContain('\u001b', stdout);
    }

    [Fact]
    public async Task An_open_model_run_that_drops_arrivals_exits_1_with_the_count_unless_a_dropped_threshold_allows_it()
    {
        // One virtual user cannot serve 50,000 point reads a second: the backlog holds a second of
        // arrivals (the max lateness), so the user starts the window's arrivals about a second late
        // and most of them are dropped — but not all in 3 s, so dropped<100% holds.
        _ = fixture.Topology;
        var (code, stdout, stderr) = await CliProcess.RunAsync(OpenArguments(rate: 50_000, maxVirtualUsers: 1));

        Assert.True(code == ExitCodes.Failure, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var match = System.Text.RegularExpressions.Regex.Match(
            line,
            @"^replicabench: dropped arrivals in r2-primary-only: (\d+) of (\d+) scheduled \([0-9.]+%\) could not start: --max-vus 1 reached; raise --max-vus or lower --rate");
        Assert.True(match.Success, $"stderr: {stderr}");
        var books = System.Text.RegularExpressions.Regex.Match(stdout, @"arrivals (\d+) of (\d+) started \((\d+) dropped\)");
        Assert.True(books.Success, $"stdout: {stdout}");
        var (started, scheduled, dropped) = (Count(books, 1), Count(books, 2), Count(books, 3));
        Assert.Equal(scheduled, started + dropped);
        Assert.Equal((dropped, scheduled), (Count(match, 1), Count(match, 2)));
        using (var results = ResultsJson.Read(_output))
        {
            var cell = ResultsJson.CellsById(results)["r2-primary-only"];
            Assert.Equal(dropped, cell.GetProperty("dropped").GetInt64());
            Assert.Equal(scheduled, cell.GetProperty("scheduled").GetInt64());
        }

        Directory.Delete(_output, recursive: true);
        (code, stdout, stderr) = await CliProcess.RunAsync([.. OpenArguments(rate: 50_000, maxVirtualUsers: 1), "--threshold", "dropped<100%"]);

        Assert.True(code == ExitCodes.Success, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.DoesNotContain("dropped arrivals", stderr, StringComparison.Ordinal);
        using (var results = ResultsJson.Read(_output))
        {
            var cell = ResultsJson.CellsById(results)["r2-primary-only"];
            Assert.True(cell.GetProperty("dropped").GetInt64() > 0, "the threshold allowed drops; they must still be counted");
            Assert.True(cell.GetProperty("thresholds").EnumerateArray().Single().GetProperty("passed").GetBoolean());
        }
    }

    [Fact]
    public async Task A_mix_that_does_not_add_up_exits_2_with_one_line_and_starts_nothing()
    {
        // No topology needed: the mix is refused before any server is contacted or any file written.
        var (code, stdout, stderr) = await CliProcess.RunAsync(
            ["load", "--mix", "point-read=90,update=5", "--replicas", "0", "--out", _output]);

        Assert.True(code == ExitCodes.BadInput, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.Equal(
            "replicabench: --mix 'point-read=90,update=5' adds up to 95, not 100; change the percentages so that they add up to 100 (operations left out count as 0), e.g. --mix point-read=90,update=10.",
            stderr.Trim());
        Assert.Empty(stdout);
        Assert.False(Directory.Exists(_output), "a refused run must not create its output folder");
    }

    [Fact]
    public async Task A_custom_mix_runs_only_its_operations_and_records_scenario_custom_with_its_weights()
    {
        _ = fixture.Topology;
        var (code, stdout, stderr) = await CliProcess.RunAsync([.. Arguments(null, "round-robin", "2s"), "--mix", "point-read=50,update=50"]);

        Assert.True(code == ExitCodes.Success, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        using var results = ResultsJson.Read(_output);
        var settings = results.RootElement.GetProperty("run").GetProperty("settings");
        Assert.Equal("custom", settings.GetProperty("scenario").GetString());
        Assert.Equal("custom (point-read=50, range-read=0, insert=0, update=50)", settings.GetProperty("mix").GetString());
        var cell = ResultsJson.CellsById(results)["r2-round-robin"];
        Assert.Equal("custom", cell.GetProperty("scenario").GetString());
        Assert.Equal(50, cell.GetProperty("mix").GetProperty("update").GetInt32());
        Assert.Equal(0, cell.GetProperty("mix").GetProperty("insert").GetInt32());
        var counts = cell.GetProperty("operationsByType").EnumerateArray()
            .ToDictionary(o => o.GetProperty("operation").GetString()!, o => o.GetProperty("count").GetInt64());
        Assert.True(counts.GetValueOrDefault("point-read") > 0 && counts.GetValueOrDefault("update") > 0, $"counts: {string.Join(", ", counts)}");
        Assert.Equal(0, counts.GetValueOrDefault("range-read"));
        Assert.Equal(0, counts.GetValueOrDefault("insert"));
        Assert.Equal(0, ResultsJson.Writes(cell, "replica"));
        Assert.True(ResultsJson.Reads(cell, "replica") > 0, "round-robin sends the mix's reads to the replicas");
    }

    [Fact]
    public async Task Every_cell_records_the_load_generators_memory_each_second_and_its_growth_after_warm_up()
    {
        _ = fixture.Topology;
        string[] arguments = [.. Arguments("point-read", "primary-only", "3s")];
        arguments[Array.IndexOf(arguments, "--warmup") + 1] = "1s";
        var (code, stdout, stderr) = await CliProcess.RunAsync(arguments);

        Assert.True(code == ExitCodes.Success, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        using var results = ResultsJson.Read(_output);
        var memory = ResultsJson.CellsById(results)["r2-primary-only"].GetProperty("memory");
        var workingSet = memory.GetProperty("workingSetMB");
        Assert.InRange(workingSet.GetProperty("baseline").GetDouble(), 10, 64 * 1024);
        Assert.True(workingSet.GetProperty("max").GetDouble() >= workingSet.GetProperty("end").GetDouble());
        Assert.True(memory.GetProperty("managedHeapMB").GetProperty("baseline").GetDouble() > 0);
        Assert.InRange(memory.GetProperty("samples").GetInt32(), 2, 4);
        Assert.Matches(@"memory \d+ MB after warm-up, [+-]\d+\.\d MB by the end \(max \+\d+\.\d MB\)", stdout);

        var series = File.ReadAllLines(Path.Combine(_output, "cells", "r2-primary-only", "series.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(record => record.GetProperty("record").GetString() == "interval")
            .SelectMany(record => record.GetProperty("samples").EnumerateArray())
            .Select(sample => sample.GetProperty("series").GetString())
            .ToList();
        Assert.True(series.Count(s => s == "process.workingSetMB") >= 3, $"series samples: {string.Join(", ", series)}");
        Assert.True(series.Count(s => s == "process.managedHeapMB") >= 3);
    }

    private static long Count(System.Text.RegularExpressions.Match match, int group) =>
        long.Parse(match.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);

    private string[] OpenArguments(int rate, int maxVirtualUsers)
    {
        string[] arguments = Arguments("point-read", "primary-only", "3s");
        var vus = Array.IndexOf(arguments, "--vus");
        return [.. arguments[..vus], "--rate", rate.ToString(System.Globalization.CultureInfo.InvariantCulture), "--max-vus",
            maxVirtualUsers.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments[(vus + 2)..]];
    }

    private string[] Arguments(string? scenario, string policies, string duration) =>
    [
        "load", .. scenario is null ? Array.Empty<string>() : ["--scenario", scenario], "--policy", policies, "--vus", "2", "--duration", duration, "--warmup", "0s", "--generator-warmup", "0s",
        "--seed-rows", WorkloadDatabase.SharedRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--state-dir", fixture.StateDirectory.Path, "--out", _output,
    ];
}
