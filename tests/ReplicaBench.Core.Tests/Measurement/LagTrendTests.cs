using ReplicaBench.Measurement;

namespace ReplicaBench.Tests.Measurement;

/// <summary>Known trends: lag series built with a set slope and a set noise, and what the test must say of them.</summary>
public sealed class LagTrendTests
{
    [Fact]
    public void A_replica_falling_330_ms_behind_every_second_has_that_slope_and_is_falling_behind()
    {
        // The hand measurement of the issue: about 330 ms of lag per second; ±20 ms of alternating noise.
        var trend = LagTrend.Fit(Series(20, t => 100 + (330 * t) + (t % 2 == 0 ? 20 : -20)))!;

        Assert.Equal(330, trend.SlopeMsPerSecond, 2.0); // the alternating noise tilts the fit by < 2 ms/s over 20 s
        Assert.True(trend.FallingBehind);
        Assert.Equal(20, trend.Samples);
    }

    [Fact]
    public void A_replica_keeping_up_with_noisy_lag_is_not_falling_behind()
    {
        var noise = new Random(7);
        var trend = LagTrend.Fit(Series(20, _ => 5 + (noise.NextDouble() * 4) - 2))!;

        Assert.InRange(trend.SlopeMsPerSecond, -0.5, 0.5); // ±2 ms of uniform noise over 20 s
        Assert.False(trend.FallingBehind);
    }

    [Fact]
    public void A_significant_but_small_slope_is_not_falling_behind()
    {
        // 2 ms/s with almost no noise is significant, and below the 10 ms/s that counts.
        var trend = LagTrend.Fit(Series(20, t => 3 + (2 * t) + (t % 2 == 0 ? 0.1 : -0.1)))!;

        Assert.True(trend.TStatistic > trend.CriticalValue);
        Assert.Equal(2, trend.SlopeMsPerSecond, 0.05);
        Assert.False(trend.FallingBehind);
    }

    [Fact]
    public void Lag_that_wanders_in_long_swings_is_not_called_a_trend()
    {
        // One slow swing up and down over 20 s: every second's residual is most of the next one's, so the
        // autocorrelation correction leaves too few effective samples to call the small slope significant.
        var trend = LagTrend.Fit(Series(20, t => 50 + (40 * Math.Sin(t / 20.0 * Math.PI))))!;

        Assert.False(trend.FallingBehind);
    }

    [Fact]
    public void Mean_and_p99_are_those_of_the_samples()
    {
        var trend = LagTrend.Fit(Series(100, t => t + 1))!; // 1..100 ms

        Assert.Equal(50.5, trend.MeanMs, 9);
        Assert.Equal(99.663, trend.P99Ms, 3); // Math.NET's default quantile: x(99) + 0.663 (x(100) − x(99))
    }

    [Fact]
    public void Fewer_than_three_samples_give_no_trend() => Assert.Null(LagTrend.Fit(Series(2, t => t)));

    [Fact]
    public void A_perfectly_straight_rising_line_is_falling_behind()
    {
        var trend = LagTrend.Fit(Series(10, t => 50 * t))!;

        Assert.Equal(50, trend.SlopeMsPerSecond, 9);
        Assert.True(trend.FallingBehind);
    }

    private static List<(double T, double LagMs)> Series(int seconds, Func<int, double> lag) =>
        [.. Enumerable.Range(0, seconds).Select(t => ((double)t, lag(t)))];
}
