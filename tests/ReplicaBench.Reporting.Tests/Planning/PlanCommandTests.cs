namespace ReplicaBench.Reporting.Tests.Planning;

public sealed class PlanCommandTests
{
    [Fact]
    public async Task Good_data_gives_the_smallest_topology_that_meets_the_target_with_reasoning_and_assumptions()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "2300", "--target-writes", "200", "--p99", "2ms", "--max-staleness", "150ms");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("2 replicas with round-robin meet the target", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 replica, round-robin: reads 2,642/s", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("every replica replays the primary's whole write load", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Headroom: 20.0%", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("shared the same CPUs", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tight_staleness_bound_rules_out_round_robin()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "2000", "--target-writes", "200", "--p99", "2ms", "--max-staleness", "50ms");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("1 replica with read-your-writes meets the target", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("stale-read age p99 98.2 ms > 50.0 ms", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_beyond_the_largest_measured_topology_cannot_be_told()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "9000", "--target-writes", "200", "--p99", "5ms", "--max-staleness", "1s");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Cannot tell from these runs: 9,000 reads/s exceeds what the largest measured topology (2 replicas)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unmeasured_staleness_cannot_be_told()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        run.EditResults(root =>
        {
            foreach (var cell in root["cells"]!.AsArray())
            {
                cell!.AsObject().Remove("staleReads");
                cell.AsObject().Remove("staleAgeMs");
            }
        });

        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "2300", "--target-writes", "200", "--p99", "5ms", "--max-staleness", "1s");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Cannot tell from these runs: staleness was not measured", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_bound_exits_2()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "2300", "--target-writes", "200", "--p99", "soon", "--max-staleness", "1s");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--p99", result.Stderr, StringComparison.Ordinal);
    }
}
