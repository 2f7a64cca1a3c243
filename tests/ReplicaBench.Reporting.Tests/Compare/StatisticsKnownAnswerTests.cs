using ReplicaBench.Reporting.Compare;

namespace ReplicaBench.Reporting.Tests.Compare;

/// <summary>The statistics behind compare's intervals, against values from tables and closed forms.</summary>
public sealed class StatisticsKnownAnswerTests
{
    [Theory]
    [InlineData(1, 12.706204736)]
    [InlineData(2, 4.302652730)]
    [InlineData(4, 2.776445105)]
    [InlineData(30, 2.042272456)]
    public void Students_t_95_percent_critical_values_match_the_table(int degreesOfFreedom, double expected)
    {
        Assert.Equal(expected, StudentT.TwoSidedCritical(0.95, degreesOfFreedom), 6);
    }

    [Fact]
    public void Clopper_Pearson_bounds_match_their_closed_forms_at_0_and_n_successes()
    {
        // P(X = 0) = (1 − p)^n = 2.5% at the upper bound; P(X = n) = p^n = 2.5% at the lower.
        var none = ClopperPearson.Interval(0, 8, 0.95);
        var all = ClopperPearson.Interval(8, 8, 0.95);

        Assert.Equal(0, none.Low);
        Assert.Equal(1 - Math.Pow(0.025, 1.0 / 8), none.High, 9);
        Assert.Equal(Math.Pow(0.025, 1.0 / 8), all.Low, 9);
        Assert.Equal(1, all.High);
    }

    [Fact]
    public void Clopper_Pearson_for_5_of_8_matches_Rs_binom_test()
    {
        // R: binom.test(5, 8)$conf.int = 0.2448632 0.9147666
        var (low, high) = ClopperPearson.Interval(5, 8, 0.95);

        Assert.Equal(0.2448632, low, 6);
        Assert.Equal(0.9147666, high, 6);
    }

    [Fact]
    public void Clopper_Pearson_for_half_a_million_of_a_million_is_the_normal_interval()
    {
        // At this size the exact interval equals 0.5 ± 1.96·√(0.25/10⁶) = ± 0.00098 to 5 digits.
        var (low, high) = ClopperPearson.Interval(500_000, 1_000_000, 0.95);

        Assert.Equal(0.5 - 0.00098, low, 5);
        Assert.Equal(0.5 + 0.00098, high, 5);
    }

    [Fact]
    public void The_rate_ratio_of_3_vs_5_events_in_equal_exposure_spans_0_32_to_10_7()
    {
        // p = 5/8 has the Clopper–Pearson interval above; RR = p / (1 − p).
        var (low, high) = PoissonRateRatio.Interval(3, 100_000, 5, 100_000, 0.95)!.Value;

        Assert.Equal(0.2448632 / (1 - 0.2448632), low, 4);
        Assert.Equal(0.9147666 / (1 - 0.9147666), high, 3);
    }

    [Fact]
    public void The_rate_ratio_scales_with_the_exposures_and_is_unbounded_above_when_the_baseline_saw_nothing()
    {
        var (low, high) = PoissonRateRatio.Interval(0, 50_000, 10, 100_000, 0.95)!.Value;

        // p's lower bound for 10 of 10 is 0.025^(1/10); the baseline's half exposure halves the ratio.
        var p = Math.Pow(0.025, 0.1);
        Assert.Equal(p / (1 - p) * 0.5, low, 9);
        Assert.Equal(double.PositiveInfinity, high);
        Assert.Null(PoissonRateRatio.Interval(0, 1, 0, 1, 0.95));
    }

    [Fact]
    public void The_tail_rule_needs_16_percent_for_300_tail_samples_per_run_and_the_threshold_from_3073()
    {
        Assert.Equal(300, TailRule.TailSamples(300_000, 99.9), 6);
        Assert.Equal(1.959964 * Math.Sqrt(2.0 / 300), TailRule.MinimumChange(300, 300), 6);
        Assert.Equal(3073.17, TailRule.TailForMinimumChange(0.05), 2);
        Assert.Equal(0.05, TailRule.MinimumChange(3073.17, 3073.17), 6);
        Assert.Equal(double.PositiveInfinity, TailRule.MinimumChange(0.5, 300));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(30, 3)]
    [InlineData(120, 5)]
    public void Moving_blocks_are_n_to_the_one_third_intervals_long(int intervals, int expected)
    {
        Assert.Equal(expected, MovingBlocks.Length(intervals));
    }

    [Fact]
    public void A_moving_block_resample_is_made_of_runs_of_consecutive_intervals()
    {
        var chosen = new int[30];
        MovingBlocks.Draw(new Random(7), 3, chosen);

        for (var block = 0; block < 30; block += 3)
        {
            Assert.Equal(chosen[block] + 1, chosen[block + 1]);
            Assert.Equal(chosen[block] + 2, chosen[block + 2]);
            Assert.InRange(chosen[block], 0, 27);
        }
    }
}
