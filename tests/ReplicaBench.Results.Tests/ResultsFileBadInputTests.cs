namespace ReplicaBench.Results.Tests;

/// <summary>A file that is not a results.json this build reads gets one line saying what it is and what is expected.</summary>
public sealed class ResultsFileBadInputTests
{
    [Theory]
    [InlineData("[1, 2]", "holds a JSON array, not a ReplicaBench results.json")]
    [InlineData("{\"Title\": \"BenchmarkDotNet\", \"Benchmarks\": []}", "is JSON without a schemaVersion, not a ReplicaBench results.json")]
    [InlineData("{\"schemaVersion\": 3, \"run\": {}, \"cells\": []}", "has schemaVersion 3, newer than this replicabench reads results.json schemaVersion 1 to 2; update replicabench")]
    [InlineData("{\"schemaVersion\": 0, \"run\": {}, \"cells\": []}", "has schemaVersion 0, which no replicabench wrote")]
    [InlineData("{\"schemaVersion\": \"2\", \"run\": {}, \"cells\": []}", "has a schemaVersion that is not a whole number (\"2\")")]
    [InlineData("{\"schemaVersion\": 2, \"name\": \"other\"}", "has a schemaVersion but no run object and cells array")]
    [InlineData("{\"schemaVersion\": 2, \"run\": {\"id\": 5}, \"cells\": []}", "has an unexpected value at $.run.id")]
    public void A_foreign_or_other_version_document_is_refused_with_one_line(string json, string expected)
    {
        var error = Assert.Throws<BadInputException>(() => ResultsFile.Parse(json, "x.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
