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
    private static readonly SettingsFileKind RunFile = LoadSettings.RunFileKind;

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

        Assert.StartsWith($"{file}: unknown field \"vsu\"; known fields are scenario, mix, scripts, defines, noSeed, replicas, policies, model, vus,", ex.Message, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("--scenario read-heavy --replicas 0,2 --policy primary-only,round-robin --vus 8 --duration 10s --warmup 2s --threshold p99<5ms")]
    [InlineData("--mix point-read=90,update=10 --replicas 1 --policy read-your-writes --rate 500 --arrivals even --max-vus 12 --repeat 2 --visibility-probe off")]
    [InlineData("--scenario balanced --replicas 2 --policy bounded-staleness:50ms --vus 4 --apply-delay replica2=100ms --fault replica-kill@1s --duration 5s --seed-rows 5000")]
    [InlineData("--script SCRIPT@3 --define scale=2 --replicas 0,2 --policy round-robin --vus 4")]
    [InlineData("--scenario read-heavy --replicas 2 --policy round-robin --rate 10 --stages 2s:100,3s:0 --random-seed 7")]
    [InlineData("--scenario point-read --replicas 0 --policy primary-only --vus 4 --think 5ms..20ms --random-seed 7")]
    [InlineData("--scenario point-read --replicas 0 --policy primary-only --vus 2 --stages 10s:8,20s:8,10s:0")]
    public void A_runs_recorded_settings_given_back_as_a_run_file_repeat_it_exactly(string flags)
    {
        var script = _temp.Combine("select.sql");
        File.WriteAllText(script, "\\set aid random(1, 100000 * :scale)\nSELECT abalance FROM pgbench_accounts WHERE aid = :aid;\n");
        var first = LoadMatrixSettingsFactory.FromConfiguration(Layers(null, [.. FlagsOf(flags.Replace("SCRIPT", script, StringComparison.Ordinal)), Flag("out", "--out", _temp.Combine("run"))]), Scenarios.Resolve);
        var recorded = System.Text.Json.JsonSerializer.Serialize(first.SettingsForResults);

        var again = LoadMatrixSettingsFactory.FromConfiguration(Layers(Write(recorded), Flag("out", "--out", _temp.Combine("run"))), Scenarios.Resolve);

        Assert.Equal(recorded, System.Text.Json.JsonSerializer.Serialize(again.SettingsForResults));
    }

    [Fact]
    public void Stages_with_a_rate_make_an_open_model_from_the_start_rate_and_the_duration_their_total()
    {
        var settings = LoadMatrixSettingsFactory.FromConfiguration(
            Layers(null, Flag("scenario", "--scenario", "point-read"), Flag("rate", "--rate", "0"), Flag("stages", "--stages", "30s:100,1m:100,30s:0"), Flag("out", "--out", _temp.Combine("run"))),
            Scenarios.Resolve);

        var open = Assert.IsType<ReplicaBench.Engine.OpenLoad>(settings.Load);
        Assert.Equal(0, open.Rate.StartRate);
        Assert.Equal(
            [new(TimeSpan.FromSeconds(30), 100), new(TimeSpan.FromMinutes(1), 100), new ReplicaBench.Engine.RateStage(TimeSpan.FromSeconds(30), 0)],
            open.Rate.Stages);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.Duration);
        Assert.Equal(["30s:100", "60s:100", "30s:0"], (string[])settings.SettingsForResults["stages"]!);
    }

    [Fact]
    public void Stages_without_a_rate_ramp_virtual_users_from_vus()
    {
        var settings = LoadMatrixSettingsFactory.FromConfiguration(
            Layers(null, Flag("scenario", "--scenario", "point-read"), Flag("vus", "--vus", "2"), Flag("stages", "--stages", "10s:8,20s:8,10s:0"), Flag("out", "--out", _temp.Combine("run"))),
            Scenarios.Resolve);

        var closed = Assert.IsType<ReplicaBench.Engine.ClosedLoad>(settings.Load);
        Assert.Equal(2, closed.StartVirtualUsers);
        Assert.Equal(8, closed.VirtualUsers);
        Assert.Equal(TimeSpan.FromSeconds(40), settings.Duration);
    }

    [Theory]
    [InlineData("stages", "--stages", "30s-100", "--stages: '30s-100' is not DURATION:RATE")]
    [InlineData("stages", "--stages", "30s:2.5", "--stages: a stage of virtual users needs a whole number of users")]
    [InlineData("think", "--think", "soon", "--think 'soon' is not a pause")]
    public void A_bad_stage_or_pause_is_one_line(string key, string flag, string value, string expected)
    {
        var ex = Assert.Throws<BadInputException>(() => LoadMatrixSettingsFactory.FromConfiguration(
            Layers(null, Flag("scenario", "--scenario", "point-read"), Flag(key, flag, value), Flag("out", "--out", _temp.Combine("run"))), Scenarios.Resolve));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    /// <summary>"--name value" pairs as flag layers, with the keys <c>load</c> binds them to.</summary>
    private static IEnumerable<NamedSettings> FlagsOf(string flags)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--scenario"] = "scenario",
            ["--mix"] = "mix",
            ["--script"] = "scripts",
            ["--define"] = "defines",
            ["--replicas"] = "replicas",
            ["--policy"] = "policies",
            ["--vus"] = "vus",
            ["--rate"] = "rate",
            ["--arrivals"] = "arrivals",
            ["--max-vus"] = "maxVus",
            ["--duration"] = "duration",
            ["--warmup"] = "warmup",
            ["--threshold"] = "thresholds",
            ["--repeat"] = "repeat",
            ["--visibility-probe"] = "visibilityProbe",
            ["--apply-delay"] = "applyDelay",
            ["--fault"] = "faults",
            ["--seed-rows"] = "seedRows",
            ["--stages"] = "stages",
            ["--think"] = "think",
            ["--random-seed"] = "randomSeed",
        };
        var words = flags.Split(' ');
        for (var i = 0; i < words.Length; i += 2)
        {
            yield return Flag(keys[words[i]], words[i], words[i + 1]);
        }
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
