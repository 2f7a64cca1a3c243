using Microsoft.Extensions.Configuration;
using ReplicaBench.Configuration;
using ReplicaBench.LoadTests;
using ReplicaBench.Runs.Settings;

namespace ReplicaBench.Tests.Runs.Settings;

/// <summary>
/// Load settings from layered sources, as a run file will give them: a JSON file with results.json's
/// run.settings keys, variables over it, flags over both, each list replaced whole by a higher layer.
/// </summary>
public sealed class LoadSettingsLayersTests : IDisposable
{
    private static readonly SettingsFileKind RunFile = new("--run-file", "a run file", "one JSON object of load settings", "loadtests/README.md");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_file_with_the_run_settings_keys_configures_the_run()
    {
        var file = Write("""{ "scenario": "read-heavy", "replicas": [0, 2], "policies": ["primary-only"], "vus": 8, "warmup": "2s", "duration": "10s" }""");

        var settings = LoadMatrixSettingsFactory.FromConfiguration(Layers(file, Flag("out", "--out", _temp.Combine("run"))), Scenarios.Resolve);

        Assert.Equal([0, 2], settings.Replicas);
        Assert.Equal(["primary-only"], settings.Policies.Select(p => p.Name));
        Assert.Equal(8, settings.Load.VirtualUsers);
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2)), (settings.Duration, settings.WarmUp));
    }

    [Fact]
    public void A_flag_replaces_a_files_list_whole_instead_of_merging_it_element_by_element()
    {
        var file = Write("""{ "replicas": [0, 1, 2], "policies": ["round-robin", "primary-only"] }""");

        var settings = SettingsBinder.Bind<LoadSettings>(Layers(file, Flag("replicas", "--replicas", "4"), Flag("policies", "--policy", "round-robin")));

        Assert.Equal([4], settings.Replicas);
        Assert.Equal(["round-robin"], settings.Policies);
    }

    [Fact]
    public void A_files_list_replaces_the_default_rather_than_adding_to_it()
    {
        var settings = SettingsBinder.Bind<LoadSettings>(Layers(Write("""{ "policies": ["round-robin"] }""")));

        Assert.Equal(["round-robin"], settings.Policies);
    }

    [Fact]
    public void An_unknown_key_in_a_file_is_one_line_naming_the_key_and_the_known_ones()
    {
        var file = Write("""{ "scenario": "read-heavy", "vsu": 8 }""");

        var ex = Assert.Throws<BadInputException>(() => SettingsBinder.Bind<LoadSettings>(Layers(file)));

        Assert.StartsWith($"{file}: unknown field \"vsu\"; known fields are scenario, mix, scripts, defines, noSeed, replicas, policies, vus,", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("""{ "vus": "many" }""", "\"vus\" must be a whole number.")]
    [InlineData("""{ "force": "perhaps" }""", "\"force\" must be true or false.")]
    [InlineData("""{ "replicas": [0, "two"] }""", "\"replicas[1]\" must be a whole number.")]
    public void A_value_of_the_wrong_type_in_a_file_names_the_field(string json, string expected)
    {
        var file = Write(json);

        var ex = Assert.Throws<BadInputException>(() => SettingsBinder.Bind<LoadSettings>(Layers(file)));

        Assert.Equal($"{file}: {expected}", ex.Message);
    }

    [Fact]
    public void A_flag_value_of_the_wrong_type_quotes_the_flag_and_the_value()
    {
        var ex = Assert.Throws<BadInputException>(() => SettingsBinder.Bind<LoadSettings>(Layers(null, Flag("replicas", "--replicas", "0,two"))));

        Assert.Equal("--replicas: 'two' in '0,two' is not a whole number; write items separated by commas.", ex.Message);
    }

    [Fact]
    public void A_check_on_a_value_from_a_file_names_the_files_field()
    {
        var file = Write("""{ "scenario": "read-heavy", "vus": 0, "out": "run" }""");

        var ex = Assert.Throws<BadInputException>(() => LoadMatrixSettingsFactory.FromConfiguration(Layers(file), Scenarios.Resolve));

        Assert.StartsWith($"{file}: vus 0 is not a positive number of virtual users", ex.Message, StringComparison.Ordinal);
    }

    private IConfigurationRoot Layers(string? file, params NamedSettings[] flags)
    {
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            builder.Add(new SettingsFile(file, RunFile));
        }

        foreach (var flag in flags)
        {
            builder.Add(flag);
        }

        return builder.Build();
    }

    private static NamedSettings Flag(string key, string flag, string value) => new([(key, flag, value)]);

    private string Write(string json)
    {
        var path = _temp.Combine($"run-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
