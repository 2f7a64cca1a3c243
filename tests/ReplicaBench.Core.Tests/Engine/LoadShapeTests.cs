using ReplicaBench.Engine;

namespace ReplicaBench.Tests.Engine;

public sealed class LoadShapeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void Closed_loads_need_1_to_10000_virtual_users(int users)
    {
        var ex = Assert.Throws<BadInputException>(() => LoadShape.Closed(users).Validate(TimeSpan.FromSeconds(1)));
        Assert.Contains($"--vus {users}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 10000", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(2_000_000)]
    public void Open_loads_need_a_positive_rate_the_engine_can_pace(double rate)
    {
        var ex = Assert.Throws<BadInputException>(
            () => LoadShape.Open(RateProfile.Constant(rate), virtualUsers: 4).Validate(TimeSpan.FromSeconds(1)));
        Assert.Contains("--rate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ramp_may_start_from_zero_but_not_stay_there()
    {
        LoadShape.Open(RateProfile.Ramp(0, 100), 4).Validate(TimeSpan.FromSeconds(1));

        var ex = Assert.Throws<BadInputException>(() => LoadShape.Open(RateProfile.Ramp(0, 0), 4).Validate(TimeSpan.FromSeconds(1)));
        Assert.Contains("never rises above zero", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stages_longer_than_the_duration_are_rejected()
    {
        var profile = RateProfile.Staged(10, new RateStage(TimeSpan.FromSeconds(20), 100), new RateStage(TimeSpan.FromSeconds(20), 50));

        var ex = Assert.Throws<BadInputException>(() => LoadShape.Open(profile, 4).Validate(TimeSpan.FromSeconds(30)));

        Assert.Contains("stages last 40s but the duration is 30s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stages_need_a_length()
    {
        var profile = RateProfile.Staged(10, new RateStage(TimeSpan.FromSeconds(-1), 100));

        Assert.Throws<BadInputException>(() => LoadShape.Open(profile, 4).Validate(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Think_time_cannot_be_negative_or_an_inverted_range()
    {
        Assert.Throws<BadInputException>(() => LoadShape.Closed(1, ThinkTime.Fixed(TimeSpan.FromMilliseconds(-1))).Validate(TimeSpan.FromSeconds(1)));
        Assert.Throws<BadInputException>(() => LoadShape.Closed(1, ThinkTime.Uniform(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1))).Validate(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Max_lateness_may_be_zero_or_infinite_but_not_negative()
    {
        LoadShape.Open(RateProfile.Constant(10), 1, maxLateness: TimeSpan.Zero).Validate(TimeSpan.FromSeconds(1));
        LoadShape.Open(RateProfile.Constant(10), 1, maxLateness: Timeout.InfiniteTimeSpan).Validate(TimeSpan.FromSeconds(1));

        Assert.Throws<BadInputException>(
            () => LoadShape.Open(RateProfile.Constant(10), 1, maxLateness: TimeSpan.FromSeconds(-2)).Validate(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Options_refuse_both_vus_and_rate()
    {
        var ex = Assert.Throws<BadInputException>(() => new LoadShapeOptions { VirtualUsers = 16, Rate = 5000 }.ToLoadShape());

        Assert.Contains("both --vus and --rate", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void Options_refuse_a_rate_that_is_not_positive(double rate)
    {
        var ex = Assert.Throws<BadInputException>(() => new LoadShapeOptions { Rate = rate }.ToLoadShape());

        Assert.Contains("is not a positive rate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_refuse_open_model_settings_without_a_rate_and_think_time_with_one()
    {
        Assert.Throws<BadInputException>(() => new LoadShapeOptions { VirtualUsers = 4, MaxVirtualUsers = 8 }.ToLoadShape());
        Assert.Throws<BadInputException>(() => new LoadShapeOptions { Rate = 100, ThinkTime = ThinkTime.Fixed(TimeSpan.FromMilliseconds(5)) }.ToLoadShape());
        Assert.Throws<BadInputException>(() => new LoadShapeOptions { Rate = 100, Arrivals = "bursty" }.ToLoadShape());
        Assert.Throws<BadInputException>(() => new LoadShapeOptions { Rate = 100, Arrivals = "even", Seed = 3 }.ToLoadShape());
    }

    [Fact]
    public void Options_build_a_closed_or_open_shape_with_documented_defaults()
    {
        var closed = Assert.IsType<ClosedLoad>(new LoadShapeOptions { VirtualUsers = 16 }.ToLoadShape());
        Assert.Equal(16, closed.VirtualUsers);

        var open = Assert.IsType<OpenLoad>(new LoadShapeOptions { Rate = 5000, RampToRate = 8000 }.ToLoadShape());
        Assert.Equal(80, open.VirtualUsers); // Little's law at 10 ms per operation: 8000/s x 0.01 s
        Assert.Equal(ArrivalDistribution.Poisson, open.Arrivals.Distribution);
        Assert.Equal(ArrivalPattern.DefaultSeed, open.Arrivals.Seed);
        Assert.Equal(OpenLoad.DefaultMaxLateness, open.MaxLateness);
        Assert.Equal(8000, open.Rate.PeakRate);

        Assert.Equal(8, LoadShapeOptions.DefaultPoolFor(10));
        Assert.Equal(256, LoadShapeOptions.DefaultPoolFor(1_000_000));
    }
}
