using System.Diagnostics;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>
/// A full output disk, as a user meets it: one line naming the file and that the disk is full, exit
/// 1, no stack trace, no temporary file left, and the previous results.json (with the cells that
/// finished) still whole. On a tiny tmpfs (<see cref="SmallDisk"/>).
/// </summary>
public sealed class FullDiskTests(SharedTopologyFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_disk_that_fills_during_the_second_cell_keeps_the_first_cells_results_and_exits_1_with_one_line()
    {
        _ = fixture.Topology;
        using var disk = SmallDisk.Mount(kilobytes: 512);
        var output = Path.Combine(disk.Path, "run");
        using var cli = CliProcess.Start(
        [
            "load", "--state-dir", fixture.StateDirectory.Path, "--scenario", "point-read", "--policy", "primary-only,round-robin", "--vus", "2",
            "--duration", "2s", "--warmup", "0s", "--generator-warmup", "0s", "--seed-rows", "1000", "--visibility-probe", "off", "--out", output,
        ]);

        // Once the first cell is in results.json, nothing more fits on the disk.
        var waited = Stopwatch.StartNew();
        while (!cli.Stdout.Contains("load: r2-primary-only:", StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(50, Token);
        }

        Assert.Contains("load: r2-primary-only:", cli.Stdout, StringComparison.Ordinal);
        var resultsFile = Path.Combine(output, "results.json");
        var recorded = await File.ReadAllTextAsync(resultsFile, Token);
        disk.Fill();
        var code = await cli.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(code == ExitCodes.Failure, $"exit {code}; stdout: {cli.Stdout}; stderr: {cli.Stderr}");
        var line = Assert.Single(cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($"^replicabench: cannot write '{System.Text.RegularExpressions.Regex.Escape(output)}/[^']+': the disk is full; free space on it or choose another --out\\.$", line);
        Assert.Equal(recorded, await File.ReadAllTextAsync(resultsFile, Token));
        using var results = ResultsJson.Read(output);
        Assert.True(ResultsJson.CellsById(results)["r2-primary-only"].GetProperty("operations").GetInt64() > 0);
        Assert.Empty(Directory.GetFiles(disk.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_report_on_a_full_disk_leaves_the_previous_report_whole_and_exits_1_with_one_line()
    {
        using var disk = SmallDisk.Mount(kilobytes: 256);
        var run = Path.Combine(disk.Path, "run");
        var report = Path.Combine(run, "report");
        Directory.CreateDirectory(report);
        File.Copy(GoldenResults(), Path.Combine(run, "results.json"));
        await File.WriteAllTextAsync(Path.Combine(report, "index.html"), "previous index", Token);
        await File.WriteAllTextAsync(Path.Combine(report, "summary.md"), "previous summary", Token);
        disk.Fill();

        var (code, stdout, stderr) = await CliProcess.RunAsync(["report", run]);

        Assert.True(code == ExitCodes.Failure, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($"^replicabench: cannot write '{System.Text.RegularExpressions.Regex.Escape(report)}/[^']+': the disk is full; free space on it or choose another --out\\.$", line);
        Assert.Equal("previous index", await File.ReadAllTextAsync(Path.Combine(report, "index.html"), Token));
        Assert.Equal("previous summary", await File.ReadAllTextAsync(Path.Combine(report, "summary.md"), Token));
        Assert.Empty(Directory.GetFiles(disk.Path, "*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>A real run's results.json, committed as the results contract's golden file.</summary>
    private static string GoldenResults()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReplicaBench.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "tests", "ReplicaBench.Results.Tests", "Golden", "results.json");
    }
}
