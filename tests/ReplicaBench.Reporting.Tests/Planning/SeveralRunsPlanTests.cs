namespace ReplicaBench.Reporting.Tests.Planning;

/// <summary>
/// plan over several runs, by known answer: run-full split in two runs (its 0- and 1-replica cells
/// in one, its 2-replica cells in the other) gives the single run's answer, and every figure names
/// the run it came from.
/// </summary>
public sealed class SeveralRunsPlanTests
{
    [Fact]
    public async Task Cells_from_two_runs_are_judged_together_and_each_figure_names_its_run()
    {
        using var small = TempRunFolder.PartOf("run-full", replicas => replicas < 2, "20261204-230000");
        using var large = TempRunFolder.PartOf("run-full", replicas => replicas == 2, "20261205-230000");

        var result = await CliRun.RunAsync("plan", small.Path, large.Path, "--target-reads", "2300", "--target-writes", "200", "--p99", "2ms", "--max-staleness", "150ms");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(
            "2 replicas with round-robin meet the target (the smallest measured topology that does); its reads were at most 113 ms stale (replica2 visibility p99 113 ms). This rests on run 20261205-230000 (cell r2-round-robin).",
            result.Stdout,
            StringComparison.Ordinal);
        Assert.Contains("1 replica, round-robin [run 20261204-230000]: reads 2,642/s", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 replicas, round-robin [run 20261205-230000]: reads", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("The figures come from 2 runs, judged side by side", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"20261204-230000 ({small.Path}", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_run_adds_no_run_names()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "2300", "--target-writes", "200", "--p99", "2ms", "--max-staleness", "150ms");

        Assert.DoesNotContain("[run ", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("This rests on run", result.Stdout, StringComparison.Ordinal);
    }
}
