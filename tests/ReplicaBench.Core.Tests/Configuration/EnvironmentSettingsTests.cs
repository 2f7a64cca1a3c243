using Microsoft.Extensions.Configuration;
using ReplicaBench.Configuration;
using ReplicaBench.Runs.Settings;

namespace ReplicaBench.Tests.Configuration;

/// <summary>
/// Settings from prefixed environment variables under flags. Each test uses its own prefix, so the
/// variables it sets cannot reach another test running in the same process.
/// </summary>
public sealed class EnvironmentSettingsTests : IDisposable
{
    private readonly string _prefix = $"RBTEST_{Guid.NewGuid():N}_";
    private readonly List<string> _set = [];

    public void Dispose()
    {
        foreach (var variable in _set)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void A_variable_sets_its_key_and_a_flag_overrides_it()
    {
        Set("VUS", "4");
        Set("SEEDROWS", "500");

        var settings = SettingsBinder.Bind<LoadSettings>(new ConfigurationBuilder()
            .Add(new EnvironmentSettings(_prefix))
            .Add(new NamedSettings([("vus", "--vus", "8")]))
            .Build());

        Assert.Equal(8, settings.Vus);
        Assert.Equal(500, settings.SeedRows);
    }

    [Fact]
    public void A_blank_variable_is_left_out_so_the_default_stays()
    {
        Set("WARMUP", " ");

        var settings = SettingsBinder.Bind<LoadSettings>(new ConfigurationBuilder().Add(new EnvironmentSettings(_prefix)).Build());

        Assert.Equal("5s", settings.Warmup);
    }

    [Fact]
    public void A_bad_or_unknown_variable_is_named_by_the_variable()
    {
        Set("VUS", "many");
        var bad = Assert.Throws<BadInputException>(() => SettingsBinder.Bind<LoadSettings>(new ConfigurationBuilder().Add(new EnvironmentSettings(_prefix)).Build()));
        Set("VUS", "4");
        Set("VSU", "4");
        var unknown = Assert.Throws<BadInputException>(() => SettingsBinder.Bind<LoadSettings>(new ConfigurationBuilder().Add(new EnvironmentSettings(_prefix)).Build()));

        Assert.Equal($"{_prefix}VUS: 'many' is not a whole number; write a whole number.", bad.Message);
        Assert.StartsWith($"{_prefix}VSU is not a known setting; known settings are scenario, mix,", unknown.Message, StringComparison.Ordinal);
    }

    private void Set(string key, string value)
    {
        Environment.SetEnvironmentVariable(_prefix + key, value);
        _set.Add(_prefix + key);
    }
}
