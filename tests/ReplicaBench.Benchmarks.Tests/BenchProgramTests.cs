using System.Diagnostics;

namespace ReplicaBench.Benchmarks.Tests;

/// <summary>Bad input stops the benchmark program with one line and exit 2, before BenchmarkDotNet starts.</summary>
public sealed class BenchProgramTests : IDisposable
{
    private readonly string _emptyStateDir = Directory.CreateTempSubdirectory("rb-bench-state-").FullName;

    public void Dispose() => Directory.Delete(_emptyStateDir, recursive: true);

    [Fact]
    public async Task No_topology_and_no_PostgreSQL_is_one_line_and_exit_2()
    {
        var (code, stdout, stderr) = await RunAsync(["--quick", "--out", _emptyStateDir], new() { ["PG_BIN"] = "/nonexistent" });

        Assert.Equal(2, code);
        Assert.StartsWith("replicabench-bench: PG_BIN=/nonexistent", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("BenchmarkRunner", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_is_refused_before_anything_starts()
    {
        var (code, stdout, stderr) = await RunAsync(["--filter", "*NoSuchBenchmark*", "--out", _emptyStateDir], []);

        Assert.Equal(2, code);
        Assert.Contains("no benchmark matches --filter *NoSuchBenchmark*", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("bringing up", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filter_that_selects_only_the_routing_overhead_step_is_not_refused_as_matching_nothing()
    {
        var (code, _, stderr) = await RunAsync(["--quick", "--filter", "*RoutingOverhead*", "--out", _emptyStateDir], new() { ["PG_BIN"] = "/nonexistent" });

        // It gets as far as looking for a topology (and stops there: none, and no PostgreSQL).
        Assert.Equal(2, code);
        Assert.StartsWith("replicabench-bench: PG_BIN=/nonexistent", stderr, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(string[] args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(BenchConfig).Assembly.Location);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["REPLICABENCH_STATE_DIR"] = _emptyStateDir;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
