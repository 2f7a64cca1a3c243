using ReplicaBench.Engine;
using ReplicaBench.Engine.Sharding;

namespace ReplicaBench.Tests.Engine.Sharding;

/// <summary>--shard and --start-at: the accepted forms, and one line for each mistake.</summary>
public sealed class ShardSpecTests
{
    [Fact]
    public void A_shard_with_its_start_is_parsed_exactly()
    {
        var spec = ShardSpec.Parse("2/3", "2026-12-06T10:00:00Z")!;

        Assert.Equal((2, 3), (spec.Index, spec.Count));
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero), spec.StartAt);
        Assert.Equal(ExecutionSegment.ForShard(2, 3), spec.Segment);
        Assert.False(spec.IsFirst);
        Assert.Equal("2/3", spec.Text);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 10, 0, 0, 250, TimeSpan.Zero), ShardSpec.Parse("1/1", "2026-12-06T10:00:00.25Z")!.StartAt);
    }

    [Fact]
    public void Neither_option_means_no_shard() => Assert.Null(ShardSpec.Parse(null, null));

    [Theory]
    [InlineData("3/2", "2026-12-06T10:00:00Z", "--shard 3/2 is not a shard")]
    [InlineData("0/2", "2026-12-06T10:00:00Z", "--shard 0/2 is not a shard")]
    [InlineData("1/0", "2026-12-06T10:00:00Z", "--shard 1/0 is not a shard")]
    [InlineData("one/2", "2026-12-06T10:00:00Z", "--shard 'one/2' is not i/N")]
    [InlineData("-1/2", "2026-12-06T10:00:00Z", "--shard '-1/2' is not i/N")]
    [InlineData("1/2", null, "--shard needs --start-at")]
    [InlineData(null, "2026-12-06T10:00:00Z", "--start-at lines shards up and needs --shard")]
    [InlineData("1/2", "2026-12-06 10:00", "--start-at '2026-12-06 10:00' is not an ISO 8601 UTC time")]
    [InlineData("1/2", "2026-12-06T10:00:00+01:00", "is not an ISO 8601 UTC time")]
    [InlineData("1/2", "2026-12-06T10:00:00", "is not an ISO 8601 UTC time")]
    public void Each_mistake_is_one_line_naming_the_fix(string? shard, string? startAt, string expected)
    {
        var error = Assert.Throws<BadInputException>(() => ShardSpec.Parse(shard, startAt));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("e.g.", error.Message, StringComparison.Ordinal);
    }
}
