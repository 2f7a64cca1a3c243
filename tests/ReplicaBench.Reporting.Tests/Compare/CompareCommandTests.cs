using System.Text.Json.Nodes;

namespace ReplicaBench.Reporting.Tests.Compare;

public sealed class CompareCommandTests
{
    [Fact]
    public async Task Identical_runs_give_no_regression_and_exit_0()
    {
        using var baseline = TempRunFolder.CopyOf("run-full");
        using var candidate = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync("compare", baseline.Path, candidate.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("**No regression.**", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("**regression**", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_candidate_with_p99_doubled_exits_1_and_names_the_metric_and_cell()
    {
        using var baseline = TempRunFolder.CopyOf("run-full");
        using var candidate = TempRunFolder.CopyOf("run-full");
        candidate.EditResults(root => ScaleP99(root, "r2-round-robin", 2));
        var markdown = Path.Combine(candidate.Path, "compare.md");

        var result = await CliRun.RunAsync("compare", baseline.Path, candidate.Path, "--min-change", "5%", "--out", markdown);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("p99 in r2-round-robin", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("- p99 in r2-round-robin: 1.50 ms → 3.00 ms (+100%", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(result.Stdout, File.ReadAllText(markdown));
    }

    [Fact]
    public async Task A_change_inside_the_threshold_is_not_a_regression()
    {
        using var baseline = TempRunFolder.CopyOf("run-full");
        using var candidate = TempRunFolder.CopyOf("run-full");
        candidate.EditResults(root => ScaleP99(root, "r2-round-robin", 1.04));

        var result = await CliRun.RunAsync("compare", baseline.Path, candidate.Path, "--min-change", "5%");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task A_change_beyond_the_threshold_but_inside_the_noise_is_not_a_regression()
    {
        using var baseline = TempRunFolder.CopyOf("run-full");
        using var candidate = TempRunFolder.CopyOf("run-full");
        // Very noisy per-second p99 in both runs (alternating 0.5x / 1.5x), mean shifted by +10%.
        baseline.EditResults(root => Wobble(root, "r2-round-robin", 1.0));
        candidate.EditResults(root => Wobble(root, "r2-round-robin", 1.1));

        var result = await CliRun.RunAsync("compare", baseline.Path, candidate.Path, "--min-change", "5%");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"\| r2-round-robin \| p99 \| [^|]+ \| [^|]+ \| \+10% \| [^|]+ \| [^|]+ \| unchanged \|", result.Stdout);
    }

    [Fact]
    public async Task Runs_of_different_scenarios_exit_2()
    {
        using var baseline = TempRunFolder.CopyOf("run-full");
        using var candidate = TempRunFolder.CopyOf("run-full");
        candidate.EditResults(root => root["run"]!["settings"]!["scenario"] = "write-heavy");

        var result = await CliRun.RunAsync("compare", baseline.Path, candidate.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("do not match", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("write-heavy", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_runs_of_different_mixes_exit_2()
    {
        using var baseline = TempRunFolder.CopyOf("run-full");
        using var candidate = TempRunFolder.CopyOf("run-full");
        baseline.EditResults(root => SetCustomMix(root, "custom (point-read=90, range-read=0, insert=0, update=10)"));
        candidate.EditResults(root => SetCustomMix(root, "custom (point-read=50, range-read=0, insert=0, update=50)"));

        var result = await CliRun.RunAsync("compare", baseline.Path, candidate.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("do not match", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("point-read=50", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_runs_of_the_same_mix_are_compared()
    {
        using var baseline = TempRunFolder.CopyOf("run-full");
        using var candidate = TempRunFolder.CopyOf("run-full");
        baseline.EditResults(root => SetCustomMix(root, "custom (point-read=90, range-read=0, insert=0, update=10)"));
        candidate.EditResults(root => SetCustomMix(root, "custom (point-read=90, range-read=0, insert=0, update=10)"));

        var result = await CliRun.RunAsync("compare", baseline.Path, candidate.Path);

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Runs_with_no_common_cell_exit_2()
    {
        using var baseline = TempRunFolder.CopyOf("run-full");
        using var candidate = TempRunFolder.CopyOf("run-full");
        baseline.DeleteMicro();
        candidate.DeleteMicro();
        candidate.EditResults(root =>
        {
            foreach (var cell in root["cells"]!.AsArray())
            {
                cell!["id"] = "other-" + cell["id"]!.GetValue<string>();
            }
        });

        var result = await CliRun.RunAsync("compare", baseline.Path, candidate.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no cell id", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_old_threshold_option_names_its_new_name_and_exits_2()
    {
        using var baseline = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync("compare", baseline.Path, baseline.Path, "--threshold", "7%");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("replicabench: compare's --threshold is now --min-change (--threshold is load's pass/fail check); write --min-change 7%.", result.Stderr.Trim());
    }

    [Fact]
    public async Task A_bad_min_change_exits_2()
    {
        using var baseline = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync("compare", baseline.Path, baseline.Path, "--min-change", "lots");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--min-change 'lots'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slower_microbenchmark_with_disjoint_intervals_is_a_regression()
    {
        using var baseline = TempRunFolder.CopyOf("run-full");
        using var candidate = TempRunFolder.CopyOf("run-full");
        var file = Directory.GetFiles(Path.Combine(candidate.Path, "micro", "results"), "*Routing*").Single();
        var root = JsonNode.Parse(File.ReadAllText(file))!;
        var statistics = root["Benchmarks"]![0]!["Statistics"]!;
        statistics["Mean"] = 6.2;
        statistics["ConfidenceInterval"]!["Lower"] = 6.0;
        statistics["ConfidenceInterval"]!["Upper"] = 6.4;
        File.WriteAllText(file, root.ToJsonString());

        var result = await CliRun.RunAsync("compare", baseline.Path, candidate.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("mean in RoutingBenchmarks.PrimaryOnlyDecision", result.Stderr, StringComparison.Ordinal);
    }

    private static void ScaleP99(JsonObject root, string cellId, double factor)
    {
        var cell = Cell(root, cellId);
        cell["latencyMs"]!["p99"] = cell["latencyMs"]!["p99"]!.GetValue<double>() * factor;
        foreach (var point in cell["timeSeries"]!.AsArray())
        {
            point!["p99Ms"] = point["p99Ms"]!.GetValue<double>() * factor;
        }
    }

    private static void Wobble(JsonObject root, string cellId, double level)
    {
        var cell = Cell(root, cellId);
        cell["latencyMs"]!["p99"] = 1.5 * level;
        var i = 0;
        foreach (var point in cell["timeSeries"]!.AsArray())
        {
            point!["p99Ms"] = 1.5 * level * (i++ % 2 == 0 ? 0.5 : 1.5);
        }
    }

    private static void SetCustomMix(JsonNode root, string mix)
    {
        root["run"]!["settings"]!["scenario"] = "custom";
        root["run"]!["settings"]!["mix"] = mix;
    }

    private static JsonNode Cell(JsonObject root, string cellId) =>
        root["cells"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == cellId)!;
}
