namespace ReplicaBench.Results.Tests;

/// <summary>The writer and the readers share one set of types, so what one writes the other reads back unchanged.</summary>
public sealed class ResultsFileRoundTripTests
{
    // Golden/results.json is a real `replicabench load` run's output (regenerate it with a run when
    // the contract grows); reading it and writing it back must give the same bytes.
    [Fact]
    public void A_committed_results_file_reads_and_writes_back_byte_identical()
    {
        var path = RepositoryFiles.Golden("results.json");
        var original = File.ReadAllText(path);

        var results = ResultsFile.Read(path);
        var written = ResultsFile.ToJson(results);

        Assert.Equal(RunResults.CurrentSchemaVersion, results.SchemaVersion);
        Assert.NotEmpty(results.Cells);
        Assert.Equal(original, written);
    }

    [Fact]
    public void Writing_is_atomic_and_leaves_no_temporary_file()
    {
        var directory = Directory.CreateTempSubdirectory("replicabench-results-");
        try
        {
            var path = System.IO.Path.Combine(directory.FullName, ResultsFile.FileName);
            var results = ResultsFile.Read(RepositoryFiles.Golden("results.json"));

            ResultsFile.Write(path, results);

            Assert.Equal(ResultsFile.ToJson(results), File.ReadAllText(path));
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_version_1_file_reads_with_its_fields_and_the_version_2_additions_null()
    {
        var results = ResultsFile.Read(RepositoryFiles.Golden("results-v1.json"));

        Assert.Equal(1, results.SchemaVersion);
        var cell = results.Cells[0];
        Assert.Equal("r0-primary-only", cell.Id);
        Assert.Equal(62703, cell.Operations);
        Assert.Equal(0.418, cell.LatencyMs!.P50);
        Assert.Null(cell.StaleChecked);
        Assert.Equal("read-heavy", results.Run.Scenario);
    }
}
