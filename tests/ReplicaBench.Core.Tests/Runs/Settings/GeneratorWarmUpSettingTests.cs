using ReplicaBench.LoadTests;
using ReplicaBench.Runs.Settings;

namespace ReplicaBench.Tests.Runs.Settings;

/// <summary>--generator-warmup: the first cell's extra warm-up, 5 s unless given, 0 turns it off, recorded in run.settings.</summary>
public sealed class GeneratorWarmUpSettingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(null, 5.0, "5s")]
    [InlineData("0s", 0.0, "0")]
    [InlineData("1500ms", 1.5, "1500ms")]
    public void The_first_cells_extra_warm_up_is_the_setting_and_is_recorded(string? value, double seconds, string recorded)
    {
        var load = new LoadSettings { Scenario = "point-read", Out = _temp.Combine("run") };
        if (value is not null)
        {
            load.GeneratorWarmup = value;
        }

        var settings = LoadMatrixSettingsFactory.Create(load, Scenarios.Resolve);

        Assert.Equal(TimeSpan.FromSeconds(seconds), settings.FirstCellExtraWarmUp);
        Assert.Equal(recorded, settings.SettingsForResults["generatorWarmup"]);
    }

    [Fact]
    public void A_generator_warm_up_that_is_not_a_duration_is_one_line_naming_the_setting()
    {
        var ex = Assert.Throws<BadInputException>(() =>
            LoadMatrixSettingsFactory.Create(new LoadSettings { Scenario = "point-read", Out = _temp.Combine("run"), GeneratorWarmup = "soon" }, Scenarios.Resolve));

        Assert.Equal("generatorWarmup: 'soon' is not a duration; write a number with a unit, e.g. 250us, 100ms, 1.5s, 2m.", ex.Message);
    }
}
