using ReplicaBench.Cli;
using ReplicaBench.Tests;
using ReplicaBench.Tests.Measurement;
using ReplicaBench.Topology;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>'probe staleness' and 'lag' refuse bad input with one line and exit 2, before touching a server.</summary>
public sealed class MeasurementCliBadInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("probe staleness")]
    [InlineData("probe staleness --json")]
    [InlineData("lag")]
    [InlineData("lag --watch")]
    public async Task With_no_topology_in_the_state_dir_they_say_so_and_how_to_start_one(string command)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync($"{command} --state-dir {_temp.Path}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith($"replicabench: no topology is up in {_temp.Path}", stderr, StringComparison.Ordinal);
        Assert.Contains("topology up", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
    }

    [Theory]
    [InlineData("--samples 0", "--samples 0 is out of range")]
    [InlineData("--samples -3", "--samples -3 is out of range")]
    [InlineData("--samples many", "many")]
    [InlineData("--spacing soon", "--spacing: 'soon' is not a duration")]
    [InlineData("--timeout 0", "--timeout must be positive")]
    public async Task Probe_rejects_bad_options_before_anything_runs(string options, string expected)
    {
        WriteTopology(replicas: 2);

        var (code, stdout, stderr) = await CliRunner.RunAsync($"probe staleness --state-dir {_temp.Path} {options}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
    }

    [Theory]
    [InlineData("probe staleness")]
    [InlineData("lag")]
    [InlineData("lag --watch --json")]
    public async Task A_topology_with_no_replicas_is_bad_input(string command)
    {
        WriteTopology(replicas: 0);

        var (code, stdout, stderr) = await CliRunner.RunAsync($"{command} --state-dir {_temp.Path}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("the topology has no replicas", stderr, StringComparison.Ordinal);
        Assert.Contains("topology up --replicas", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Lag_against_unreachable_servers_reports_them_and_exits_1_without_secrets()
    {
        WriteTopology(replicas: 2);

        var (code, stdout, stderr) = await CliRunner.RunAsync($"lag --state-dir {_temp.Path}");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("cannot connect", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-secret", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', stdout);
    }

    [Fact]
    public async Task Probe_against_an_unreachable_primary_fails_with_one_line_and_exit_1()
    {
        WriteTopology(replicas: 2);

        var (code, stdout, stderr) = await CliRunner.RunAsync($"probe staleness --state-dir {_temp.Path} --samples 3");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.StartsWith("replicabench: the probe could not prepare its marker table on the primary: cannot connect", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.DoesNotContain("not-a-secret", stdout + stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Theory]
    [InlineData("probe staleness --help", "--samples")]
    [InlineData("probe staleness --help", "--spacing")]
    [InlineData("lag --help", "--watch")]
    [InlineData("--help", "probe")]
    [InlineData("--help", "lag")]
    public async Task Help_describes_the_commands_and_their_options(string command, string expected)
    {
        var (code, stdout, _) = await CliRunner.RunAsync(command);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
    }

    private void WriteTopology(int replicas) =>
        new TopologyStateDirectory(_temp.Path).Write(UnreachableTopology.Create(replicas));
}
