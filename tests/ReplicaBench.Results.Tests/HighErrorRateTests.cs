namespace ReplicaBench.Results.Tests;

/// <summary>The 5% error-rate flag: known counts, known answers, and only flagged cells carry the field.</summary>
public sealed class HighErrorRateTests
{
    [Theory]
    [InlineData(951, 49)] // 4.9%
    [InlineData(950, 50)] // exactly 5%: not above it
    [InlineData(0, 0)] // nothing attempted
    [InlineData(1000, 0)]
    public void A_rate_at_or_under_five_percent_is_not_flagged(long operations, long errors) =>
        Assert.Null(HighErrorRate.For(operations, errors));

    [Fact]
    public void A_rate_of_five_point_one_percent_is_flagged_with_the_threshold()
    {
        var flag = HighErrorRate.For(949, 51);

        Assert.Equal(new HighErrorRate { Rate = 0.051, Threshold = 0.05 }, flag);
        Assert.Equal("error rate 5.1% (over 5%)", flag!.Describe());
    }

    [Fact]
    public void Only_a_flagged_cell_has_the_field_in_results_json_and_it_reads_back()
    {
        var golden = ResultsFile.Read(RepositoryFiles.Golden("results.json"));
        var cell = golden.Cells[0];
        var results = golden with
        {
            Cells = [cell with { Id = "ok", Operations = 951, Errors = 49 }, cell with { Id = "bad", Operations = 949, Errors = 51, HighErrorRate = HighErrorRate.For(949, 51) }],
        };

        var json = ResultsFile.ToJson(results);
        var read = ResultsFile.Parse(json, "test");

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, "\"highErrorRate\""));
        Assert.Contains("\"highErrorRate\": {\n        \"rate\": 0.051,\n        \"threshold\": 0.05\n      }", json, StringComparison.Ordinal);
        Assert.Null(read.Cells[0].HighErrorRate);
        Assert.Equal(new HighErrorRate { Rate = 0.051, Threshold = 0.05 }, read.Cells[1].HighErrorRate);
        // A results file from before the field: the flag is worked out from the counts.
        Assert.Equal(0.051, HighErrorRate.Of(read.Cells[1] with { HighErrorRate = null })!.Rate);
        Assert.Null(HighErrorRate.Of(read.Cells[0]));
    }
}
