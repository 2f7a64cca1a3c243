using ReplicaBench.LoadTests;
using ReplicaBench.Runs.Settings;
using ReplicaBench.Workload;

namespace ReplicaBench.Tests.Runs.Settings;

/// <summary>'load --mix' runs scenario 'custom' with the given weights and records them; named scenarios keep their own mix.</summary>
public sealed class LoadMixInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("custom")]
    [InlineData("CUSTOM")]
    public void A_mix_alone_or_beside_scenario_custom_runs_scenario_custom_with_those_weights(string? scenario)
    {
        var settings = LoadMatrixSettingsFactory.Create(new LoadSettings { Scenario = scenario, Mix = "point-read=90,update=10", Out = _temp.Combine("run") }, Scenarios.Resolve);

        Assert.Equal("custom", settings.Scenario.Name);
        Assert.Equal([90, 0, 0, 10], settings.Scenario.Mix!.Weights.Select(w => w.Percent).ToArray());
        Assert.Equal("custom", settings.SettingsForResults["scenario"]);
        Assert.Equal("custom (point-read=90, range-read=0, insert=0, update=10)", settings.SettingsForResults["mix"]);
        Assert.Contains("90% reads / 10% writes", settings.Scenario.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_scenario_records_its_own_mix()
    {
        var settings = LoadMatrixSettingsFactory.Create(new LoadSettings { Scenario = "balanced", Out = _temp.Combine("run") }, Scenarios.Resolve);

        Assert.Same(WorkloadMix.Balanced, settings.Scenario.Mix);
        Assert.Equal("balanced (point-read=70, range-read=10, insert=5, update=15)", settings.SettingsForResults["mix"]);
    }
}
