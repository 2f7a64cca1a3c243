using ReplicaBench.Engine.Sharding;

namespace ReplicaBench.Tests.Engine.Sharding;

/// <summary>
/// Known answers for splitting counts over shards: for every total and shard count the shares
/// add up to exactly the total (remainders included) and differ by at most one, and striping
/// gives each event of a sequence to exactly one shard.
/// </summary>
public sealed class ExecutionSegmentTests
{
    /// <summary>Shard counts: small ones, primes, and more shards than most totals.</summary>
    public static readonly TheoryData<int> ShardCounts = [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 13, 16, 17, 31, 97, 101];

    [Theory]
    [MemberData(nameof(ShardCounts))]
    public void The_shares_of_every_total_add_up_to_it_and_differ_by_at_most_one(int count)
    {
        long[] totals = [.. Enumerable.Range(0, 260).Select(t => (long)t), 997, 1000, 65_521, 1_000_003, 10_000_000_019];
        foreach (var total in totals)
        {
            var shares = Enumerable.Range(1, count).Select(i => ExecutionSegment.ForShard(i, count).Scale(total)).ToList();

            Assert.Equal(total, shares.Sum());
            Assert.True(shares.Max() - shares.Min() <= 1, $"{total} over {count} shards: {string.Join(',', shares)}");
            Assert.All(shares, s => Assert.True(s == total / count || s == (total / count) + 1));
        }
    }

    [Theory]
    [InlineData(1, 2, new[] { 1, 0 })]
    [InlineData(3, 2, new[] { 2, 1 })]
    [InlineData(2, 3, new[] { 1, 1, 0 })]
    [InlineData(10, 4, new[] { 3, 3, 2, 2 })]
    [InlineData(16, 3, new[] { 6, 5, 5 })]
    public void Known_splits(int total, int count, int[] expected) =>
        Assert.Equal(expected, Enumerable.Range(1, count).Select(i => ExecutionSegment.ForShard(i, count).Scale(total)));

    [Theory]
    [MemberData(nameof(ShardCounts))]
    public void Striping_gives_each_event_to_exactly_one_shard_and_after_n_events_each_shard_holds_its_share(int count)
    {
        var segments = Enumerable.Range(1, count).Select(i => ExecutionSegment.ForShard(i, count)).ToList();
        var held = new long[count];
        for (long k = 0; k < 3000; k++)
        {
            var owners = Enumerable.Range(0, count).Where(i => segments[i].Owns(k)).ToList();
            Assert.Single(owners);
            held[owners[0]]++;
            for (var i = 0; i < count; i++)
            {
                Assert.Equal(segments[i].Scale(k + 1), held[i]);
            }
        }
    }

    [Fact]
    public void The_whole_owns_everything_and_scales_nothing()
    {
        Assert.True(ExecutionSegment.Whole.IsWhole);
        Assert.Equal(12345, ExecutionSegment.Whole.Scale(12345));
        Assert.True(ExecutionSegment.ForShard(1, 1).IsWhole);
        Assert.All(Enumerable.Range(0, 100), k => Assert.True(ExecutionSegment.Whole.Owns(k)));
        Assert.Equal(0.25, ExecutionSegment.ForShard(2, 4).Length);
    }
}
