using ReplicaBench.Cli;
using ReplicaBench.Tests;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>'replicabench load --run-file': the file's settings, flags over them, and a bad file is one line with exit 2.</summary>
public sealed class LoadRunFileCliTests : IDisposable
{
    private const string Recorded =
        """{ "scenario": "read-heavy", "replicas": [0, 2], "policies": ["primary-only", "round-robin"], "model": "closed", "vus": 8, "rate": null, "duration": "10s", "warmup": "2s", "mix": "read-heavy (point-read=85, range-read=10, insert=1, update=4)", "noSeed": false, "visibilityProbe": "200ms", "faults": null }""";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_recorded_run_settings_file_is_a_valid_run_and_flags_override_it()
    {
        var file = Write(Recorded);

        var (code, stdout, _) = await CliRunner.RunAsync($"load --run-file {file} --vus 4 --out {_temp.Combine("run")} --check");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("read-heavy on 0, 2 replica(s) × primary-only, round-robin; closed, 4 VUs; 10s per cell after 2s of warm-up", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "scenario": "read-heavy", "vsu": 8 }""", "unknown field \"vsu\"")]
    [InlineData("""{ "scenario": "read-heavy", "vus": "many" }""", "\"vus\" must be a whole number.")]
    [InlineData("""{ "scenario": "read-heavy", "model": "open", "vus": 3 }""", "model 'open' disagrees with the load given")]
    [InlineData("""{ "scenario": "balanced", "mix": "read-heavy (point-read=85, range-read=10, insert=1, update=4)" }""", "was recorded for scenario read-heavy, not balanced")]
    [InlineData("""[1, 2]""", "must hold one JSON object of load settings")]
    public async Task A_bad_run_file_is_one_line_and_exit_2(string json, string expected) =>
        await CliRunner.AssertLoadRefusedAsync(_temp.Combine("run"), $"--run-file {Write(json)}", expected);

    [Fact]
    public async Task A_missing_run_file_is_one_line_and_exit_2() =>
        await CliRunner.AssertLoadRefusedAsync(_temp.Combine("run"), $"--run-file {_temp.Combine("nope.json")}", "nope.json cannot be read");

    private string Write(string json)
    {
        var path = _temp.Combine($"run-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
