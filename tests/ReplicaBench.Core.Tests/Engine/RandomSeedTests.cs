using ReplicaBench.Engine;

namespace ReplicaBench.Tests.Engine;

/// <summary>--random-seed: the same seed gives every virtual user the same random source, another seed another one, and no seed the seeds runs always had.</summary>
public sealed class RandomSeedTests
{
    private static readonly LoadScenario Scenario = LoadScenario.Create("read-heavy", (_, _) => throw new InvalidOperationException("not run"));

    [Fact]
    public void A_run_seed_changes_every_users_seed_reproducibly_and_zero_keeps_the_default()
    {
        int[] Seeds(LoadScenario scenario) => [.. Enumerable.Range(0, 16).Select(i => new VirtualUserContext(scenario, i, TimeProvider.System).Seed)];

        var unseeded = Seeds(Scenario);
        var seven = Seeds(Scenario.WithRandomSeed(7));

        Assert.Equal(unseeded, Seeds(Scenario.WithRandomSeed(0)));
        Assert.Equal(seven, Seeds(Scenario.WithRandomSeed(7)));
        Assert.All(Enumerable.Range(0, 16), i => Assert.NotEqual(unseeded[i], seven[i]));
        Assert.Equal(16, seven.Distinct().Count());

        // The same seed draws the same keys: the first ten choices of user 3.
        var first = new Random(seven[3]);
        var again = new Random(Seeds(Scenario.WithRandomSeed(7))[3]);
        Assert.Equal(Enumerable.Range(0, 10).Select(_ => first.Next(100_000)), Enumerable.Range(0, 10).Select(_ => again.Next(100_000)));
    }
}
