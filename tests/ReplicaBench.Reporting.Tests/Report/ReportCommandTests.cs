namespace ReplicaBench.Reporting.Tests.Report;

public sealed class ReportCommandTests
{
    [Fact]
    public async Task Report_writes_index_html_and_prints_its_path()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync("report", run.Path);

        Assert.Equal(0, result.ExitCode);
        var index = Path.Combine(run.Path, "report", "index.html");
        Assert.True(File.Exists(index));
        Assert.Contains(index, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_on_a_folder_without_results_exits_2_with_one_line()
    {
        using var empty = TempRunFolder.Empty();

        var result = await CliRun.RunAsync("report", empty.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no results", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_on_a_truncated_file_exits_2_naming_the_file()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        File.WriteAllText(run.ResultsFile, File.ReadAllText(run.ResultsFile)[..200]);

        var result = await CliRun.RunAsync("report", run.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("results.json", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("line", result.Stderr, StringComparison.Ordinal);
    }
}
