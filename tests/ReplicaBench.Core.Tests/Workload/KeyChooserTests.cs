using ReplicaBench.Workload;

namespace ReplicaBench.Tests.Workload;

public sealed class KeyChooserTests
{
    [Fact]
    public void Uniform_keys_stay_within_the_seeded_keys_and_reach_both_ends()
    {
        var chooser = KeyChooser.Uniform(10);
        var random = new Random(1);

        var keys = Enumerable.Range(0, 10_000).Select(_ => chooser.NextKey(random)).ToList();

        Assert.All(keys, k => Assert.InRange(k, 1, 10));
        Assert.Equal(10, keys.Distinct().Count());
    }

    [Fact]
    public void Uniform_keys_are_spread_evenly()
    {
        var chooser = KeyChooser.Uniform(4);
        var random = new Random(2);
        const int Picks = 100_000;

        var counts = Enumerable.Range(0, Picks).Select(_ => chooser.NextKey(random)).GroupBy(k => k).Select(g => g.Count());

        Assert.All(counts, c => Assert.Equal(0.25, (double)c / Picks, 0.01));
    }

    [Fact]
    public void A_range_start_leaves_room_for_a_full_range_of_seeded_keys()
    {
        var chooser = KeyChooser.Uniform(25);
        var random = new Random(3);

        var starts = Enumerable.Range(0, 10_000).Select(_ => chooser.NextRangeStart(random, 10)).ToList();

        Assert.All(starts, s => Assert.InRange(s, 1, 16));
        Assert.Contains(16L, starts);
    }

    [Fact]
    public void A_hot_set_sends_its_share_of_choices_to_the_first_keys()
    {
        var chooser = KeyChooser.HotSet(100_000, 0.01, 80);
        var random = new Random(4);
        const int Picks = 100_000;

        var hot = Enumerable.Range(0, Picks).Count(_ => chooser.NextKey(random) <= 1_000);

        // 80% go to the hot set directly, and 1% of the other 20% land there by chance.
        Assert.Equal(0.802, (double)hot / Picks, 0.01);
        Assert.Equal(1_000, chooser.HotKeys);
    }

    [Theory]
    [InlineData(0.0, 50)]
    [InlineData(1.0, 50)]
    [InlineData(double.NaN, 50)]
    [InlineData(0.1, 101)]
    [InlineData(0.1, -1)]
    public void A_hot_set_outside_sensible_bounds_is_bad_input(double fraction, int percent)
    {
        var ex = Assert.Throws<BadInputException>(() => KeyChooser.HotSet(1_000, fraction, percent));

        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(WorkloadSeeder.MaxRows + 1)]
    public void A_chooser_over_an_impossible_row_count_is_bad_input(long rows)
    {
        Assert.Throws<BadInputException>(() => KeyChooser.Uniform(rows));
    }
}
