using ReplicaBench.Configuration;

namespace ReplicaBench.Tests.Configuration;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("250us", 0.25)]
    [InlineData("100ms", 100)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0", 0)]
    [InlineData(" 30s ", 30_000)]
    public void Parses_numbers_with_units(string text, double expectedMs)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(expectedMs, value.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("100")]
    [InlineData("ms")]
    [InlineData("-5ms")]
    [InlineData("5 parsecs")]
    [InlineData("1e3ms")]
    [InlineData("NaNs")]
    public void Rejects_text_that_is_not_a_duration(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _));
    }

    [Fact]
    public void Parse_names_the_option_and_the_expected_form()
    {
        var ex = Assert.Throws<BadInputException>(() => DurationParser.Parse("fast", "--duration"));
        Assert.Contains("--duration", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'fast'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("100ms", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, "100ms")]
    [InlineData(2000, "2s")]
    [InlineData(0.25, "0.25ms")]
    public void Format_round_trips_through_parse(double ms, string expected)
    {
        var text = DurationParser.Format(TimeSpan.FromMilliseconds(ms));
        Assert.Equal(expected, text);
        Assert.Equal(TimeSpan.FromMilliseconds(ms), DurationParser.Parse(text, "--x"));
    }
}
