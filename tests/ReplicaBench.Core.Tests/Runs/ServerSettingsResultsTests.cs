using System.Text.Json;
using ReplicaBench.Results;
using ReplicaBench.Runs;

namespace ReplicaBench.Tests.Runs;

/// <summary>results.json's <c>run.serverSettings</c>: each role's settings as the topology recorded them, and absent without any.</summary>
public sealed class ServerSettingsResultsTests
{
    [Fact]
    public void A_run_on_a_topology_with_settings_records_each_role_by_name()
    {
        var run = Run() with
        {
            ServerSettings = new ServerSettingsInfo
            {
                Primary = new Dictionary<string, string>(StringComparer.Ordinal) { ["max_connections"] = "300" },
                Replicas = new Dictionary<string, string>(StringComparer.Ordinal) { ["hot_standby_feedback"] = "off", ["max_standby_streaming_delay"] = "0" },
            },
        };

        using var document = JsonDocument.Parse(ResultsFileWriter.ToJson(run, new Dictionary<string, object?>(StringComparer.Ordinal), []));

        var recorded = document.RootElement.GetProperty("run").GetProperty("serverSettings");
        Assert.Equal("300", recorded.GetProperty("primary").GetProperty("max_connections").GetString());
        Assert.Equal(
            ["hot_standby_feedback=off", "max_standby_streaming_delay=0"],
            recorded.GetProperty("replicas").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}"));
    }

    [Fact]
    public void A_run_without_settings_has_no_server_settings_field()
    {
        using var document = JsonDocument.Parse(ResultsFileWriter.ToJson(Run(), new Dictionary<string, object?>(StringComparer.Ordinal), []));

        Assert.False(document.RootElement.GetProperty("run").TryGetProperty("serverSettings", out _));
    }

    private static RunMetadata Run() => new()
    {
        Id = "20261206-110000",
        StartedAt = new DateTimeOffset(2026, 12, 6, 11, 0, 0, TimeSpan.Zero),
        Suite = new SuiteIdentity("0.1.0", "abc1234"),
        Machine = new MachineInfo("host", "Linux", "CPU", 2, 24),
        Provider = "local",
    };
}
