using System.Text.Json;
using Npgsql;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Topology;

/// <summary>
/// <c>topology up --primary-setting/--replica-setting</c> on real local servers, from the command
/// line: each role runs with its values (a 'postmaster' setting by restarting the node, the others
/// by a reload), topology.json and a load run's results.json record them, and what PostgreSQL refuses is one line, exit 2, with
/// nothing left running. Each test ends its own topology.
/// </summary>
public sealed class ServerSettingsTests : IDisposable
{
    private readonly OwnTopologyFolders _folders = new();

    public ServerSettingsTests()
    {
        PostgresRequirement.Ensure();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Dictionary<string, string> Environment => new() { [LocalTopologyProvider.DataRootEnvironmentVariable] = _folders.DataParent };

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Each_role_runs_with_its_settings_the_primary_restarted_for_a_postmaster_one_and_topology_json_records_them()
    {
        var up = await CliProcess.RunAsync(
            ["topology", "up", "--replicas", "1", "--state-dir", _folders.State.Path,
             "--primary-setting", "max_connections=150", "--primary-setting", "work_mem=8MB",
             "--replica-setting", "hot_standby_feedback=off", "--replica-setting", "max_standby_streaming_delay=0"],
            Environment);

        Assert.True(up.Code == 0, up.Stderr);
        Assert.Contains("Settings: primary: max_connections = 150, work_mem = 8MB (restarted)", up.Stdout, StringComparison.Ordinal);
        Assert.Contains("Settings: replica1: hot_standby_feedback = off, max_standby_streaming_delay = 0 (reloaded)", up.Stdout, StringComparison.Ordinal);
        var topology = _folders.State.Read();
        Assert.Equal(("150", "8MB"), (await ShowAsync(topology.Primary, "max_connections"), await ShowAsync(topology.Primary, "work_mem")));
        var replica = topology.FindNode("replica1")!;
        Assert.Equal(("off", "0"), (await ShowAsync(replica, "hot_standby_feedback"), await ShowAsync(replica, "max_standby_streaming_delay")));
        // The replica was left at the local provider's defaults where not told otherwise, and follows the restarted primary.
        Assert.Equal("200", await ShowAsync(replica, "max_connections"));
        await ReplicationAssertions.EveryReplicaStreamsAsync(topology, Token);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(_folders.State.TopologyFile, Token));
        var recorded = json.RootElement.GetProperty("serverSettings");
        Assert.Equal(["max_connections=150", "work_mem=8MB"], recorded.GetProperty("primary").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}"));
        Assert.Equal("off", recorded.GetProperty("replicas").GetProperty("hot_standby_feedback").GetString());

        // A load run on this topology records the settings per role in results.json.
        var output = Path.Combine(_folders.State.Path, "run");
        var load = await CliProcess.RunAsync(
            ["load", "--state-dir", _folders.State.Path, "--scenario", "point-read", "--seed-rows", "100", "--policy", "primary-only", "--vus", "1", "--duration", "1s", "--warmup", "0s", "--generator-warmup", "0s", "--out", output]);
        Assert.True(load.Code == 0, load.Stderr);
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json"), Token));
        var run = results.RootElement.GetProperty("run").GetProperty("serverSettings");
        Assert.Equal("150", run.GetProperty("primary").GetProperty("max_connections").GetString());
        Assert.Equal(["hot_standby_feedback=off", "max_standby_streaming_delay=0"], run.GetProperty("replicas").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}"));

        var down = await CliProcess.RunAsync(["topology", "down", "--state-dir", _folders.State.Path]);
        Assert.True(down.Code == 0, down.Stderr);
        Assert.Empty(LeftoverProcesses.Under(_folders.DataParent));
    }

    [Theory]
    [InlineData("--primary-setting foo=1", "--primary-setting foo=1: PostgreSQL refused it on primary: unrecognized configuration parameter \"foo\"")]
    [InlineData("--primary-setting work_mem=lots", "PostgreSQL refused it on primary: invalid value for parameter \"work_mem\": \"lots\"")]
    [InlineData("--primary-setting block_size=4096", "pg_settings.context 'internal'")]
    [InlineData("--primary-setting max_connections=150 --no-restart", "max_connections takes effect only after a server restart (pg_settings.context 'postmaster') and --no-restart forbids one")]
    public async Task What_PostgreSQL_refuses_is_one_line_exit_2_and_nothing_is_left_running(string options, string expected)
    {
        var up = await CliProcess.RunAsync(
            ["topology", "up", "--replicas", "0", "--state-dir", _folders.State.Path, .. options.Split(' ')], Environment);

        Assert.Equal(2, up.Code);
        Assert.Contains(expected, up.Stderr, StringComparison.Ordinal);
        Assert.Single(up.Stderr.Trim().Split('\n'));
        Assert.False(_folders.State.HasTopology);
        Assert.Empty(LeftoverProcesses.Under(_folders.DataParent));
        Assert.Empty(Directory.GetFileSystemEntries(_folders.DataParent));
    }

    private static async Task<string> ShowAsync(TopologyNode node, string name)
    {
        await using var connection = await NodeConnections.OpenAsync(node, Token);
        await using var command = new NpgsqlCommand($"SHOW {name}", connection);
        return (string)(await command.ExecuteScalarAsync(Token))!;
    }
}
