namespace ReplicaBench.Results.Tests;

/// <summary>micro/routing-overhead.json is written and read by the same contract types, and a file this build cannot read is one line.</summary>
public sealed class RoutingOverheadFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("replicabench-overhead-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void What_is_written_reads_back_equal_and_in_camel_case()
    {
        var path = Path.Combine(_directory.FullName, RoutingOverheadFile.FileName);
        var written = new RoutingOverheadResults
        {
            Baseline = "plain NpgsqlDataSource -> primary",
            VirtualUsers = 4,
            OperationsPerPass = 2_000,
            Rounds = 41,
            BaselineCpuMicrosPerOperation = 12.5,
            Policies = [new() { Policy = "round-robin", Baseline = "(no router) plain NpgsqlDataSource per replica, in rotation", OverheadMicrosPerOperation = 0.4, OverheadMicrosPerRound = [0.4, 0.3], ReplicaReadShare = 1 }],
        };

        RoutingOverheadFile.Write(path, written);
        var read = RoutingOverheadFile.Read(path);

        Assert.Equal(written.Baseline, read.Baseline);
        Assert.Equal(written.Policies[0].OverheadMicrosPerRound, read.Policies[0].OverheadMicrosPerRound);
        Assert.Equal(written.Policies[0].Baseline, read.Policies[0].Baseline);
        Assert.Equal(RoutingOverheadResults.CurrentSchemaVersion, read.SchemaVersion);
        Assert.Contains("\"overheadMicrosPerOperation\": 0.4", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Theory]
    [InlineData("[1, 2]", "is not a routing-overhead file")]
    [InlineData("{\"schemaVersion\": 3}", "newer than this build reads")]
    [InlineData("{\"schemaVersion\": 1, \"rounds\": \"many\"}", "unexpected value at $.rounds")]
    [InlineData("{\"schemaVersion\": 1,", "invalid JSON")]
    public void A_file_this_build_cannot_read_is_one_line_naming_it(string json, string expected)
    {
        var path = Path.Combine(_directory.FullName, RoutingOverheadFile.FileName);
        File.WriteAllText(path, json);

        var error = Assert.Throws<BadInputException>(() => RoutingOverheadFile.Read(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
