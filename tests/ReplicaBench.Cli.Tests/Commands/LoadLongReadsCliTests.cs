using ReplicaBench.Cli;
using ReplicaBench.Tests;
using ReplicaBench.Topology;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>
/// 'replicabench load --scenario long-reads' with --long-read and --hot-standby-feedback: each mistake is
/// one line and exit 2 before anything starts; a valid pair passes --check with its plan.
/// </summary>
public sealed class LoadLongReadsCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--long-read soon", "--long-read: 'soon' is not a duration; write a number with a unit")]
    [InlineData("--long-read 0s", "--long-read 0s is out of range; give a length above 0 and up to 30m, e.g. --long-read 5s.")]
    [InlineData("--long-read -5s", "--long-read: '-5s' is not a duration")]
    [InlineData("--long-read 5s --op-timeout 5s", "--op-timeout 5s would end every long read of 5s as a timeout; give more than --long-read (e.g. --op-timeout 10s)")]
    [InlineData("--hot-standby-feedback maybe --replicas 1", "--hot-standby-feedback 'maybe': 'maybe' is not off or on; give off, on, or off,on for the pair side by side.")]
    [InlineData("--hot-standby-feedback off,on --replicas 0,1", "--hot-standby-feedback is a replica setting, and a topology of this run has no replicas")]
    public async Task A_bad_long_reads_option_is_one_line_and_exit_2(string options, string expected)
    {
        await CliRunner.AssertLoadRefusedAsync(_temp.Combine("run"), $"--scenario long-reads {options}", expected);
    }

    [Fact]
    public async Task A_long_read_with_another_scenario_is_refused()
    {
        await CliRunner.AssertLoadRefusedAsync(
            _temp.Combine("run"), "--scenario read-heavy --long-read 5s", "--long-read sets the length of the reads of scenario long-reads, and this run is scenario read-heavy; add --scenario long-reads, or drop --long-read.");
    }

    [Fact]
    public async Task Long_reads_are_refused_on_an_external_topology_without_allow_writes()
    {
        var state = RecordedTopology.Write(_temp.Combine("state"), "external", replicas: 1, writesAllowed: false);

        var (code, _, stderr) = await CliRunner.RunAsync($"load --scenario long-reads --state-dir {state.Path} --out {_temp.Combine("run")} --check");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith(
            $"replicabench: scenario long-reads (the primary updates and vacuums its table replicabench.long_reads) writes, but the external topology in {state.Path} allows no writes",
            stderr,
            StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
    }

    [Fact]
    public async Task Feedback_is_refused_on_an_external_topology_even_with_writes_allowed()
    {
        var state = RecordedTopology.Write(_temp.Combine("state"), "external", replicas: 1, writesAllowed: true);

        var (code, _, stderr) = await CliRunner.RunAsync($"load --scenario long-reads --hot-standby-feedback off,on --state-dir {state.Path} --out {_temp.Combine("run")} --check");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--hot-standby-feedback reconfigures the replicas (ALTER SYSTEM), which the suite does not do to an external topology", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
    }

    [Fact]
    public async Task A_valid_pair_passes_the_check_with_both_cells_in_its_plan()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(
            $"load --scenario long-reads --long-read 2s --replicas 1 --policy round-robin --hot-standby-feedback off,on --out {_temp.Combine("run")} --check");

        Assert.True(code == 0, stderr);
        Assert.StartsWith("load: the arguments are valid: 2 cell(s): long-reads on ", stdout, StringComparison.Ordinal);
        Assert.Contains(", each with hot_standby_feedback off then on;", stdout, StringComparison.Ordinal);
    }
}
