namespace ReplicaBench.Reporting.Tests.Compare;

/// <summary>
/// compare with several runs on a side, by known answer: run-full split into its 0/1-replica cells and
/// its 2-replica cells gives, against run-full, what run-full against itself gives, and names the run of each cell.
/// </summary>
public sealed class SeveralRunsCompareTests
{
    [Fact]
    public async Task A_baseline_made_of_two_runs_compares_cell_by_cell_and_names_each_cells_run()
    {
        using var small = TempRunFolder.PartOf("run-full", replicas => replicas < 2, "20261204-230000");
        using var large = TempRunFolder.PartOf("run-full", replicas => replicas == 2, "20261205-230000");
        using var candidate = TempRunFolder.CopyOf("run-full");
        candidate.EditResults(root => root["run"]!["id"] = "20261206-230000");

        var split = await CliRun.RunAsync("compare", small.Path, candidate.Path, "--baseline", large.Path);
        using var wholeBaseline = TempRunFolder.CopyOf("run-full");
        var whole = await CliRun.RunAsync("compare", wholeBaseline.Path, candidate.Path);

        Assert.Equal(0, split.ExitCode);
        Assert.Contains("**No regression.**", split.Stdout, StringComparison.Ordinal);
        Assert.Contains("Baseline: run 20261204-230000 + run 20261205-230000 · Candidate: run 20261206-230000", split.Stdout, StringComparison.Ordinal);
        Assert.Contains("r2-round-robin: baseline run 20261205-230000, candidate run 20261206-230000", split.Stdout, StringComparison.Ordinal);
        Assert.Contains("r0-primary-only: baseline run 20261204-230000, candidate run 20261206-230000", split.Stdout, StringComparison.Ordinal);
        Assert.Equal(Table(whole.Stdout), Table(split.Stdout));
    }

    [Fact]
    public async Task A_cell_in_two_baseline_runs_is_one_line_and_exit_2()
    {
        using var first = TempRunFolder.CopyOf("run-full");
        using var second = TempRunFolder.CopyOf("run-full");
        using var candidate = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync("compare", first.Path, candidate.Path, "--baseline", second.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is in two baseline runs", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    /// <summary>The per-cell table rows: what was compared and how it was judged.</summary>
    private static string[] Table(string markdown) => [.. markdown.Split('\n').Where(l => l.StartsWith("| r", StringComparison.Ordinal))];
}
