namespace ReplicaBench.Reporting.Tests.Results;

/// <summary>report, compare and plan refuse a file that is not a results.json they read: one line, exit 2.</summary>
public sealed class ForeignResultsFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("replicabench-foreign-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("{\"Title\": \"a BenchmarkDotNet report\"}", "without a schemaVersion, not a ReplicaBench results.json")]
    [InlineData("{\"schemaVersion\": 9, \"run\": {}, \"cells\": []}", "has schemaVersion 9, newer than this replicabench reads results.json schemaVersion 1 to 2")]
    public async Task Report_compare_and_plan_each_refuse_it_with_one_line_and_exit_2(string json, string expected)
    {
        var foreign = Path.Combine(_directory, "results.json");
        await File.WriteAllTextAsync(foreign, json, TestContext.Current.CancellationToken);
        var good = Path.Combine(AppContext.BaseDirectory, "Fixtures", "run-full");

        foreach (var args in new[]
                 {
                     new[] { "report", _directory },
                     new[] { "compare", good, _directory },
                     new[] { "plan", _directory, "--target-reads", "1000", "--target-writes", "10", "--p99", "5ms", "--max-staleness", "1s" },
                 })
        {
            var run = await CliRun.RunAsync(args);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
            Assert.Single(run.Stderr.Trim().Split('\n'));
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        }
    }
}
