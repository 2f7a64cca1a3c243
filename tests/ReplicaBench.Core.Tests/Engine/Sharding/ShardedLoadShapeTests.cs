using ReplicaBench.Engine;
using ReplicaBench.Engine.Sharding;

namespace ReplicaBench.Tests.Engine.Sharding;

/// <summary>
/// Sharded load shapes by known answer: closed users and ramping stages split so that the shards'
/// active users add up to the whole's at every instant; an open model's shards walk disjoint parts
/// of the whole's arrival schedule whose union is that schedule, instant for instant.
/// </summary>
public sealed class ShardedLoadShapeTests
{
    [Theory]
    [InlineData(16, 3)]
    [InlineData(1, 2)]
    [InlineData(7, 7)]
    [InlineData(5, 13)]
    public void Closed_users_split_into_shares_that_add_up(int users, int count)
    {
        var whole = LoadShape.Closed(users);
        var shares = Shards(count).Select(s => (ClosedLoad)whole.ForShard(s)).ToList();

        Assert.Equal(users, shares.Sum(s => s.VirtualUsers));
        Assert.All(shares, s => Assert.Equal(users, s.WholeVirtualUsers));
        Assert.Equal(users, shares.Sum(s => s.ActiveAt(TimeSpan.FromSeconds(1))));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(11)]
    public void Ramping_users_add_up_to_the_whole_at_every_instant(int count)
    {
        // 3 users, up to 17 over 10 s, hold, down to 0 over 7 s: every active count from 0 to 17 occurs.
        var whole = LoadShape.Ramping(3, [new(TimeSpan.FromSeconds(10), 17), new(TimeSpan.FromSeconds(3), 17), new(TimeSpan.FromSeconds(7), 0)]);
        var shares = Shards(count).Select(s => (ClosedLoad)whole.ForShard(s)).ToList();

        Assert.Equal(17, shares.Sum(s => s.VirtualUsers));
        for (var ms = -1000; ms <= 21_000; ms += 7)
        {
            var at = TimeSpan.FromMilliseconds(ms);
            Assert.Equal(whole.ActiveAt(at), shares.Sum(s => s.ActiveAt(at)));
            Assert.All(shares, s => Assert.True(s.ActiveAt(at) <= s.VirtualUsers));
        }
    }

    public static readonly TheoryData<string, int> Schedules = new()
    {
        { "poisson-constant", 2 },
        { "poisson-constant", 3 },
        { "poisson-constant", 7 },
        { "even-constant", 4 },
        { "even-ramp", 3 },
        { "poisson-stages", 5 },
        { "even-stages", 2 },
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public void The_shards_arrivals_are_the_unsharded_schedule_split(string kind, int count)
    {
        var (rate, pattern) = Profile(kind);
        var warmUp = TimeSpan.FromSeconds(1);
        var duration = TimeSpan.FromSeconds(6);
        var whole = Drain(new ArrivalSchedule(rate, pattern, warmUp, duration));
        var shards = Shards(count).Select(s => Drain(new ArrivalSchedule(rate, pattern, warmUp, duration, s))).ToList();

        Assert.True(whole.Count > 1000, $"{whole.Count} arrivals");
        Assert.Equal(whole, shards.SelectMany(s => s).Order().ToList());
        Assert.Equal(whole.Count, shards.Sum(s => s.Count));
        Assert.All(shards, s => Assert.InRange(s.Count, (whole.Count / count) - 1, (whole.Count / count) + 1));
    }

    [Fact]
    public void A_shard_expects_its_share_of_the_arrivals()
    {
        var rate = RateProfile.Constant(900);
        var shard = new ArrivalSchedule(rate, ArrivalPattern.Even, TimeSpan.Zero, TimeSpan.FromSeconds(2), ExecutionSegment.ForShard(1, 3));

        Assert.Equal(600, shard.ExpectedArrivals(TimeSpan.Zero, TimeSpan.FromSeconds(2)), 9);
    }

    [Fact]
    public void An_open_models_pool_is_split_and_never_empty()
    {
        var whole = LoadShape.Open(RateProfile.Constant(100), 10);

        Assert.Equal(10, Shards(3).Sum(s => whole.ForShard(s).VirtualUsers));
        Assert.All(Shards(20), s => Assert.Equal(1, whole.ForShard(s).VirtualUsers));
    }

    private static List<ExecutionSegment> Shards(int count) =>
        [.. Enumerable.Range(1, count).Select(i => ExecutionSegment.ForShard(i, count))];

    private static List<double> Drain(ArrivalSchedule schedule)
    {
        var offsets = new List<double>();
        while (schedule.TryGetNextSeconds(out var seconds))
        {
            offsets.Add(seconds);
        }

        return offsets;
    }

    private static (RateProfile Rate, ArrivalPattern Pattern) Profile(string kind) => kind switch
    {
        "poisson-constant" => (RateProfile.Constant(997), ArrivalPattern.Poisson(42)),
        "even-constant" => (RateProfile.Constant(1003), ArrivalPattern.Even),
        "even-ramp" => (RateProfile.Ramp(100, 700), ArrivalPattern.Even),
        "poisson-stages" => (RateProfile.Staged(50, new RateStage(TimeSpan.FromSeconds(2), 900), new RateStage(TimeSpan.FromSeconds(2), 900), new RateStage(TimeSpan.FromSeconds(2), 0)), ArrivalPattern.Poisson(7)),
        "even-stages" => (RateProfile.Staged(0, new RateStage(TimeSpan.FromSeconds(3), 600), new RateStage(TimeSpan.FromSeconds(3), 300)), ArrivalPattern.Even),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
