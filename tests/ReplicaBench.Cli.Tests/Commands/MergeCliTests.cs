using ReplicaBench.Results;
using ReplicaBench.Tests;
using ReplicaBench.Tests.Runs.Merging;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary><c>merge</c> from the command line: its refusals (one line, exit 2), and report, compare and plan reading a merged folder.</summary>
public sealed class MergeCliTests
{
    [Fact]
    public async Task Merged_folder_renders_a_report_like_any_run()
    {
        using var temp = new TempDirectory();
        var (first, second) = new TwoShards().Write(temp);
        var merged = temp.Combine("merged");

        var (code, stdout, stderr) = await CliRunner.RunAsync($"merge {first} {second} --out {merged}");
        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Contains("merged 2 shards, 1 cell(s), 2010 operations", stdout, StringComparison.Ordinal);

        (code, _, stderr) = await CliRunner.RunAsync($"report {merged}");
        Assert.True(code == ExitCodes.Success, stderr);
        var summary = File.ReadAllText(Path.Combine(merged, "report", "summary.md"));
        Assert.True(File.Exists(Path.Combine(merged, "report", "index.html")));
        Assert.Contains("1,005 ops/s, p99 5.00 ms", summary, StringComparison.Ordinal);
        Assert.Contains("| shards (merged) | 1/2 on agent-shard-1 (2 cores), from ", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merged_folder_compares_and_plans_like_any_run()
    {
        using var temp = new TempDirectory();
        var (first, second) = new TwoShards().Write(temp);
        var merged = temp.Combine("merged");
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync($"merge {first} {second} --out {merged}")).Code);

        var (code, _, stderr) = await CliRunner.RunAsync($"compare {first} {merged}");
        Assert.True(code is ExitCodes.Success or ExitCodes.Failure, stderr);
        Assert.Empty(stderr);

        (code, _, stderr) = await CliRunner.RunAsync($"plan {merged} --target-reads 100 --target-writes 1 --p99 50ms --max-staleness 1s");
        Assert.True(code is ExitCodes.Success or ExitCodes.Failure, stderr);
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task Shards_with_different_settings_exit_2_with_one_line()
    {
        using var temp = new TempDirectory();
        var shards = new TwoShards();
        shards.Second.Settings["duration"] = "\"5m\"";
        var (first, second) = shards.Write(temp);

        var (code, stdout, stderr) = await CliRunner.RunAsync($"merge {first} {second} --out {temp.Combine("merged")}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("setting duration differs", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task A_folder_with_no_run_exits_2_with_one_line()
    {
        using var temp = new TempDirectory();
        var (first, _) = new TwoShards().Write(temp);
        Directory.CreateDirectory(temp.Combine("empty"));

        var (code, _, stderr) = await CliRunner.RunAsync($"merge {first} {temp.Combine("empty")} --out {temp.Combine("merged")}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("holds no run", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
    }

    [Fact]
    public async Task One_folder_exits_2_with_one_line()
    {
        using var temp = new TempDirectory();
        var (first, _) = new TwoShards().Write(temp);

        var (code, _, stderr) = await CliRunner.RunAsync($"merge {first} --out {temp.Combine("merged")}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("at least 2", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.False(File.Exists(temp.Combine("merged", ResultsFile.FileName)));
    }
}
