using ReplicaBench.Workload;

namespace ReplicaBench.Tests.Workload;

/// <summary>--mix text: the operation names results use, whole percentages adding up to 100, one clear line for anything else.</summary>
public sealed class WorkloadMixParserTests
{
    [Fact]
    public void Weights_become_a_custom_mix_and_operations_left_out_weigh_zero()
    {
        var mix = WorkloadMixParser.Parse("point-read=90,update=10", "--mix");

        Assert.Equal("custom", mix.Name);
        Assert.Equal([90, 0, 0, 10], [mix.PointReadPercent, mix.RangeReadPercent, mix.InsertPercent, mix.UpdatePercent]);
        Assert.Equal("custom (point-read=90, range-read=0, insert=0, update=10)", mix.ToString());
    }

    [Fact]
    public void Names_are_case_insensitive_spaces_are_ignored_and_a_percent_sign_is_allowed()
    {
        var mix = WorkloadMixParser.Parse(" Point-Read = 70% , RANGE-READ=10, insert =5 ,update= 15 %", "--mix");

        Assert.Equal([70, 10, 5, 15], [mix.PointReadPercent, mix.RangeReadPercent, mix.InsertPercent, mix.UpdatePercent]);
    }

    [Fact]
    public void A_single_operation_at_100_and_zero_weights_are_accepted()
    {
        var mix = WorkloadMixParser.Parse("insert=100,update=0", "--mix");

        Assert.Equal([0, 0, 100, 0], [mix.PointReadPercent, mix.RangeReadPercent, mix.InsertPercent, mix.UpdatePercent]);
        Assert.All(Enumerable.Range(0, 100), roll => Assert.Equal(WorkloadOperation.Insert, mix.Pick(roll)));
    }

    [Fact]
    public void Weights_list_every_operation_in_result_order()
    {
        var mix = WorkloadMixParser.Parse("update=4,insert=1,range-read=10,point-read=85", "--mix");

        Assert.Equal(
            [("point-read", 85), ("range-read", 10), ("insert", 1), ("update", 4)],
            mix.Weights.Select(w => (w.Operation.Name(), w.Percent)).ToArray());
    }

    [Theory]
    [InlineData("point-read=90,update=5", "adds up to 95, not 100")]
    [InlineData("point-read=60,update=60", "adds up to 120, not 100")]
    [InlineData("point-read=0", "adds up to 0, not 100")]
    [InlineData("point-read=110,update=-10", "the weight of point-read is 110, over 100")]
    [InlineData("point-read=100,update=-0,insert=-5,range-read=5", "the weight of insert is -5, negative")]
    [InlineData("read=90,write=10", "unknown operation 'read'; use point-read, range-read, insert or update")]
    [InlineData("point-read=90,updates=10", "unknown operation 'updates'")]
    [InlineData("point-read=50,point-read=50", "gives point-read twice; give each operation once")]
    [InlineData("point-read=40,Point-Read=60", "gives point-read twice")]
    [InlineData("point-read=90.5,update=9.5", "the weight of point-read ('90.5') is not a whole number")]
    [InlineData("point-read=ninety,update=10", "('ninety') is not a whole number")]
    [InlineData("point-read=,update=100", "('') is not a whole number")]
    [InlineData("point-read:90,update:10", "cannot read 'point-read:90'; write OPERATION=PERCENT pairs")]
    [InlineData("=100", "cannot read '=100'")]
    [InlineData("balanced", "cannot read 'balanced'")]
    [InlineData("", "--mix is empty")]
    [InlineData(" , ,", "--mix is empty")]
    public void Bad_text_is_one_line_that_names_the_problem_and_shows_how_to_write_it(string text, string expected)
    {
        var ex = Assert.Throws<BadInputException>(() => WorkloadMixParser.Parse(text, "--mix"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("--mix ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("e.g. --mix point-read=90,update=10", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Null_text_is_empty_input_not_a_crash()
    {
        var ex = Assert.Throws<BadInputException>(() => WorkloadMixParser.Parse(null, "--mix"));

        Assert.Contains("--mix is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_quote_the_text_so_the_user_sees_what_was_read()
    {
        var ex = Assert.Throws<BadInputException>(() => WorkloadMixParser.Parse("point-read=90,update=5", "--mix"));

        Assert.StartsWith("--mix 'point-read=90,update=5' adds up to 95", ex.Message, StringComparison.Ordinal);
    }
}
