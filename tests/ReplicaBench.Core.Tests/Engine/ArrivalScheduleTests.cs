using ReplicaBench.Engine;

namespace ReplicaBench.Tests.Engine;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void Even_arrivals_come_exactly_one_period_apart_from_the_start()
    {
        var offsets = All(new ArrivalSchedule(RateProfile.Constant(100), ArrivalPattern.Even, TimeSpan.Zero, TimeSpan.FromSeconds(1)));

        Assert.Equal(100, offsets.Count);
        for (var k = 0; k < offsets.Count; k++)
        {
            Assert.Equal(TimeSpan.FromMilliseconds(10 * k), offsets[k]);
        }
    }

    [Fact]
    public void The_warm_up_runs_at_the_start_rate_and_the_schedule_ends_with_the_duration()
    {
        var schedule = new ArrivalSchedule(RateProfile.Constant(50), ArrivalPattern.Even, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));

        var offsets = All(schedule);

        Assert.Equal(TimeSpan.FromSeconds(5), schedule.Length);
        Assert.Equal(250, offsets.Count);
        Assert.All(offsets, o => Assert.True(o < schedule.Length));
    }

    [Fact]
    public void Poisson_arrivals_keep_the_mean_rate_within_statistical_bounds()
    {
        // 100 s at 1000/s: the count is Poisson(100000), standard deviation 316; allow 5 of them.
        var offsets = All(new ArrivalSchedule(RateProfile.Constant(1000), ArrivalPattern.Poisson(seed: 7), TimeSpan.Zero, TimeSpan.FromSeconds(100)));

        Assert.InRange(offsets.Count, 100_000 - 1_581, 100_000 + 1_581);

        // Exponential gaps: mean 1 ms and a coefficient of variation of 1 (even spacing would give 0).
        var gaps = offsets.Zip(offsets.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        var mean = gaps.Average();
        var deviation = Math.Sqrt(gaps.Sum(g => (g - mean) * (g - mean)) / gaps.Count);
        Assert.InRange(mean, 0.98, 1.02);
        Assert.InRange(deviation / mean, 0.97, 1.03);
    }

    [Fact]
    public void Poisson_schedules_repeat_with_the_same_seed_and_differ_with_another()
    {
        ArrivalSchedule Make(int seed) => new(RateProfile.Constant(200), ArrivalPattern.Poisson(seed), TimeSpan.Zero, TimeSpan.FromSeconds(2));

        Assert.Equal(All(Make(3)), All(Make(3)));
        Assert.NotEqual(All(Make(3)), All(Make(4)));
    }

    [Fact]
    public void A_linear_ramp_puts_the_expected_number_of_arrivals_in_every_second()
    {
        // 0 -> 1000/s over 10 s: second k expects the integral from k to k+1, i.e. 100k + 50.
        var offsets = All(new ArrivalSchedule(RateProfile.Ramp(0, 1000), ArrivalPattern.Even, TimeSpan.Zero, TimeSpan.FromSeconds(10)));

        for (var second = 0; second < 10; second++)
        {
            var count = offsets.Count(o => o >= TimeSpan.FromSeconds(second) && o < TimeSpan.FromSeconds(second + 1));
            Assert.InRange(count, (100 * second) + 50 - 1, (100 * second) + 50 + 1);
        }

        Assert.InRange(offsets.Count, 4_999, 5_001);
    }

    [Fact]
    public void Stages_ramp_to_each_target_and_then_hold_the_last_rate()
    {
        // Warm-up 1 s at 100/s, ramp 100 -> 300 over 2 s, then hold 300/s for the remaining 2 s.
        var profile = RateProfile.Staged(100, new RateStage(TimeSpan.FromSeconds(2), 300));
        var schedule = new ArrivalSchedule(profile, ArrivalPattern.Even, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));

        Assert.Equal(100, schedule.ExpectedArrivals(TimeSpan.Zero, TimeSpan.FromSeconds(1)), 6);
        Assert.Equal(400, schedule.ExpectedArrivals(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)), 6);
        Assert.Equal(600, schedule.ExpectedArrivals(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)), 6);
        Assert.InRange(All(schedule).Count, 1_099, 1_101);
    }

    [Fact]
    public void A_ramp_down_slows_arrivals_as_the_rate_falls()
    {
        var offsets = All(new ArrivalSchedule(RateProfile.Ramp(1000, 0), ArrivalPattern.Even, TimeSpan.Zero, TimeSpan.FromSeconds(2)));
        var firstHalf = offsets.Count(o => o < TimeSpan.FromSeconds(1));
        var secondHalf = offsets.Count - firstHalf;

        Assert.InRange(firstHalf, 749, 751);
        Assert.InRange(secondHalf, 249, 251);
    }

    private static List<TimeSpan> All(ArrivalSchedule schedule)
    {
        var offsets = new List<TimeSpan>();
        while (schedule.TryGetNext(out var offset))
        {
            offsets.Add(offset);
        }

        return offsets;
    }
}
