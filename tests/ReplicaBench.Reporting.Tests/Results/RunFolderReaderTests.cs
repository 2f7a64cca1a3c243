using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Tests.Results;

public sealed class RunFolderReaderTests
{
    [Fact]
    public void Reads_every_cell_and_the_microbenchmarks_of_the_fixture_run()
    {
        var folder = RunFolderReader.Read(TempRunFolder.FixturePath("run-full"));

        Assert.Equal(5, folder.Cells.Count);
        Assert.Equal("read-heavy", folder.Load!.Run.Scenario);
        Assert.True(folder.Load.Run.SameHost);
        var cell = folder.Cells.Single(c => c.Id == "r2-round-robin");
        Assert.Equal(1.5, cell.LatencyMs!.P99);
        Assert.Equal(30, cell.TimeSeries.Count);
        Assert.Equal(2, cell.Visibility.Count);
        Assert.Null(folder.Cells.Single(c => c.Id == "r0-primary-only").StaleReads);
        Assert.Equal(5, folder.Micro.Count);
    }

    [Fact]
    public void Reads_the_real_BenchmarkDotNet_sample_in_nanoseconds()
    {
        var file = Directory.GetFiles(Path.Combine(TempRunFolder.FixturePath("run-full"), "micro", "results"), "*ConnectionBenchmarks-report-full.json").Single();

        var benchmark = BenchmarkDotNetReader.Read(file).Single();

        Assert.Equal("ReplicaBench.Benchmarks.Connections.ConnectionBenchmarks.UnpooledConnectPerQuery", benchmark.FullName);
        Assert.Equal(21374708.5625, benchmark.MeanNs);
        Assert.Equal(11672745.270971399, benchmark.CiLowerNs);
        Assert.Equal(31076671.8540286, benchmark.CiUpperNs);
        Assert.Equal(33962, benchmark.AllocatedBytesPerOperation);
    }

    [Fact]
    public void A_folder_without_results_is_bad_input_that_names_what_is_missing()
    {
        using var empty = TempRunFolder.Empty();

        var error = Assert.Throws<BadInputException>(() => RunFolderReader.Read(empty.Path));

        Assert.Contains("no results", error.Message, StringComparison.Ordinal);
        Assert.Contains("results.json", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_truncated_results_file_is_bad_input_naming_the_file_line_and_byte()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        var text = File.ReadAllText(run.ResultsFile);
        File.WriteAllText(run.ResultsFile, text[..(text.Length / 2)]);

        var error = Assert.Throws<BadInputException>(() => RunFolderReader.Read(run.Path));

        Assert.Contains(run.ResultsFile, error.Message, StringComparison.Ordinal);
        Assert.Matches(@"line \d+, byte \d+", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_corrupt_BenchmarkDotNet_file_is_bad_input_naming_that_file()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        var file = Directory.GetFiles(Path.Combine(run.Path, "micro", "results")).First();
        File.WriteAllText(file, "{\n  \"Benchmarks\": [ }");

        var error = Assert.Throws<BadInputException>(() => RunFolderReader.Read(run.Path));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_schema_version_is_refused_with_one_line()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        run.EditResults(root => root["schemaVersion"] = 3);

        var error = Assert.Throws<BadInputException>(() => RunFolderReader.Read(run.Path));

        Assert.Contains("schemaVersion 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("update replicabench", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_run_with_no_cells_is_refused()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        run.EditResults(root => root["cells"] = new System.Text.Json.Nodes.JsonArray());

        var error = Assert.Throws<BadInputException>(() => RunFolderReader.Read(run.Path));

        Assert.Contains("no cells", error.Message, StringComparison.Ordinal);
    }
}
