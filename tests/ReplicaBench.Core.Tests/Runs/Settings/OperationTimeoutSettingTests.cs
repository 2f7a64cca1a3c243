using Microsoft.Extensions.Configuration;
using ReplicaBench.Configuration;
using ReplicaBench.LoadTests;
using ReplicaBench.Runs.Settings;

namespace ReplicaBench.Tests.Runs.Settings;

/// <summary>--op-timeout: 5 s unless given, bound like every load setting, checked, and recorded in run.settings.</summary>
public sealed class OperationTimeoutSettingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_default_is_5_s_and_is_recorded_in_run_settings()
    {
        var settings = LoadMatrixSettingsFactory.Create(new LoadSettings { Scenario = "point-read", Out = _temp.Combine("run") }, Scenarios.Resolve);

        Assert.Equal(TimeSpan.FromSeconds(5), settings.OperationTimeout);
        Assert.Equal("5s", settings.SettingsForResults["opTimeout"]);
    }

    [Fact]
    public void A_configured_op_timeout_binds_from_its_key_like_the_other_load_settings()
    {
        // REPLICABENCH_LOAD_OPTIMEOUT=2s reaches the binder as this key (configuration keys ignore case).
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OPTIMEOUT"] = "2s", ["scenario"] = "point-read", ["out"] = _temp.Combine("run") })
            .Build();

        var settings = LoadMatrixSettingsFactory.FromConfiguration(configuration, Scenarios.Resolve);

        Assert.Equal(TimeSpan.FromSeconds(2), settings.OperationTimeout);
        Assert.Equal("2s", settings.SettingsForResults["opTimeout"]);
    }

    [Theory]
    [InlineData("soon", "is not a duration")]
    [InlineData("50ms", "opTimeout 50ms is out of range; give 100ms to 1h, longer than the longest operation the scenario runs (e.g. --op-timeout 5s).")]
    [InlineData("2h", "out of range")]
    public void An_unusable_op_timeout_is_one_line(string value, string expected)
    {
        var ex = Assert.Throws<BadInputException>(() =>
            LoadMatrixSettingsFactory.Create(new LoadSettings { Scenario = "point-read", Out = _temp.Combine("run"), OpTimeout = value }, Scenarios.Resolve));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
