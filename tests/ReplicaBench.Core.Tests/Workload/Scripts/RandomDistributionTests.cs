using ReplicaBench.Workload.Scripts;

namespace ReplicaBench.Tests.Workload.Scripts;

/// <summary>
/// The random functions with a seeded generator: always inside [lb, ub], and shaped as pgbench's documentation
/// says. Tolerances are several standard errors wide for the number of draws, so a correct implementation passes
/// with any seed while a wrong shape (off-by-one range, wrong formula) fails.
/// </summary>
public sealed class RandomDistributionTests
{
    private const int Draws = 100_000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_1_10_stays_in_range_and_hits_every_value_about_equally_over_10000_draws(int seed)
    {
        var counts = Histogram("random(1, 10)", seed, 10_000);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), counts.Keys.Order());

        // Expected 1000 each; the standard deviation is 30, so ±200 is over 6 of them.
        Assert.All(counts.Values, count => Assert.InRange(count, 800, 1200));
    }

    [Theory]
    [InlineData("random(-3, 3)", -3, 3)]
    [InlineData("random(5, 5)", 5, 5)]
    [InlineData("random(0, 9223372036854775806)", 0, long.MaxValue - 1)]
    [InlineData("random_exponential(1, 10, 1.0)", 1, 10)]
    [InlineData("random_exponential(1, 10, 0.001)", 1, 10)]
    [InlineData("random_exponential(-100, 100, 20)", -100, 100)]
    [InlineData("random_gaussian(1, 10, 2.0)", 1, 10)]
    [InlineData("random_gaussian(-50, 50, 10)", -50, 50)]
    [InlineData("random_zipfian(1, 1000, 1.07)", 1, 1000)]
    [InlineData("random_zipfian(1, 1000, 1.001)", 1, 1000)]
    [InlineData("random_zipfian(10, 20, 1000)", 10, 20)]
    [InlineData("random_zipfian(1, 9223372036854775806, 2)", 1, long.MaxValue - 1)]
    public void Draws_stay_within_the_inclusive_bounds(string expression, long min, long max)
    {
        var parsed = ScriptExpressionParser.Parse(expression);
        var random = new Random(11);
        var variables = new ScriptVariables();

        for (var i = 0; i < 20_000; i++)
        {
            Assert.True(parsed.Evaluate(variables, random).TryAsInt64(out var value));
            Assert.InRange(value, min, max);
        }
    }

    // pgbench documents random_zipfian(lb, ub, s) as P(lb + k - 1) proportional to 1/k^s, k = 1..n: so
    // P(lb) = 1/H(n, s). With 100,000 draws the standard error of a frequency near 0.15 is about 0.0011;
    // the tolerance is 0.005 (over 4 standard errors).
    [Theory]
    [InlineData(1.07, 1)]
    [InlineData(1.07, 2)]
    [InlineData(1.5, 3)]
    [InlineData(2.5, 4)]
    public void Zipfian_1_1000_makes_1_the_most_frequent_at_1_over_H_within_0_005(double s, int seed)
    {
        var counts = Histogram($"random_zipfian(1, 1000, {s.ToString(System.Globalization.CultureInfo.InvariantCulture)})", seed, Draws);
        var harmonic = Enumerable.Range(1, 1000).Sum(k => 1.0 / Math.Pow(k, s));

        Assert.Equal(1, counts.MaxBy(c => c.Value).Key);
        Assert.InRange((double)counts[1] / Draws, (1.0 / harmonic) - 0.005, (1.0 / harmonic) + 0.005);

        // The second value is 2^-s as frequent as the first (±0.03 on the ratio).
        var ratio = (double)counts[2] / counts[1];
        Assert.InRange(ratio, Math.Pow(2, -s) - 0.03, Math.Pow(2, -s) + 0.03);
    }

    // A gaussian draw is cut at ±parameter standard deviations and scaled onto [lb, ub]: symmetric around the middle,
    // so the mean of random_gaussian(1, 10, 2.5) is 5.5. The values' standard deviation is about 2, so the standard
    // error of the mean of 100,000 draws is about 0.006; the tolerance is 0.05.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Gaussian_1_10_2_5_has_a_mean_within_0_05_of_5_5_and_reaches_both_ends(int seed)
    {
        var counts = Histogram("random_gaussian(1, 10, 2.5)", seed, Draws);

        Assert.InRange(Mean(counts), 5.45, 5.55);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), counts.Keys.Order());

        // Symmetric: the two middle values are equally likely (±1 percentage point), and far more than the ends.
        Assert.InRange((double)(counts[5] - counts[6]) / Draws, -0.01, 0.01);
        Assert.True(counts[5] > 5 * counts[1]);
    }

    // pgbench's documentation: value lb + k of random_exponential(lb, ub, p) has probability
    // (e^(-p·k/n) - e^(-p·(k+1)/n)) / (1 - e^(-p)), n = ub - lb + 1. The expected mean follows from that; the values'
    // standard deviation is under 3, so the standard error of 100,000 draws is under 0.01; the tolerance is 0.05.
    [Theory]
    [InlineData(1.0, 1)]
    [InlineData(1.0, 2)]
    [InlineData(5.0, 3)]
    [InlineData(0.2, 4)]
    public void Exponential_1_10_has_the_documented_mean_within_0_05(double parameter, int seed)
    {
        var counts = Histogram($"random_exponential(1, 10, {parameter.ToString(System.Globalization.CultureInfo.InvariantCulture)})", seed, Draws);
        var expected = 1 + Enumerable.Range(0, 10).Sum(k =>
            k * (Math.Exp(-parameter * k / 10) - Math.Exp(-parameter * (k + 1) / 10)) / (1 - Math.Exp(-parameter)));

        Assert.InRange(Mean(counts), expected - 0.05, expected + 0.05);

        // The smallest value is always the most frequent.
        Assert.Equal(1, counts.MaxBy(c => c.Value).Key);
    }

    [Fact]
    public void The_same_seed_gives_the_same_draws()
    {
        var parsed = ScriptExpressionParser.Parse("random(1, 1000000) + random_zipfian(1, 100, 1.2) + random_gaussian(1, 100, 3) + random_exponential(1, 100, 2)");
        var variables = new ScriptVariables();

        var first = Enumerable.Range(0, 100).Select(_ => parsed.Evaluate(variables, new Random(5))).ToList();
        var (a, b) = (new Random(99), new Random(99));

        Assert.All(first, value => Assert.Equal(first[0], value));
        Assert.Equal(
            Enumerable.Range(0, 100).Select(_ => parsed.Evaluate(variables, a)),
            Enumerable.Range(0, 100).Select(_ => parsed.Evaluate(variables, b)));
    }

    private static Dictionary<long, int> Histogram(string expression, int seed, int draws)
    {
        var parsed = ScriptExpressionParser.Parse(expression);
        var random = new Random(seed);
        var variables = new ScriptVariables();
        var counts = new Dictionary<long, int>();
        for (var i = 0; i < draws; i++)
        {
            Assert.True(parsed.Evaluate(variables, random).TryAsInt64(out var value));
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }

        return counts;
    }

    private static double Mean(Dictionary<long, int> counts) =>
        counts.Sum(c => (double)c.Key * c.Value) / counts.Values.Sum();
}
