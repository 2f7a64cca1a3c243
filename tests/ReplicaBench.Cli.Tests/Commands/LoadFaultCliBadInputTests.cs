using ReplicaBench.Cli;
using ReplicaBench.Tests;
using ReplicaBench.Topology;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>'replicabench load --fault' mistakes: one line, exit 2, nothing started, no output folder.</summary>
public sealed class LoadFaultCliBadInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--fault replica-kill@40s", "--fault 'replica-kill:replica1@40s': 40s is outside the measured window")]
    [InlineData("--duration 10s --warmup 5s --fault replica-kill@12s", "(times count from the end of the warm-up; --duration 10s)")]
    [InlineData("--replicas 2 --fault replica-kill:replica3@10s", "the 2-replica topology has no replica 'replica3'")]
    [InlineData("--replicas 0,2 --fault failover@10s", "a failover promotes a replica, and the 0-replica topology has none")]
    [InlineData("--replicas 2 --fault replica-explode@10s", "'replica-explode' is not a fault")]
    [InlineData("--replicas 2 --fault replica-restart@10s", "replica1 is running then; kill it before restarting it")]
    [InlineData("--replicas 2 --fault replica-kill@10s --fault failover@20s", "replica1 is down (killed earlier) then")]
    public async Task A_bad_fault_schedule_is_refused_before_anything_starts(string options, string expected) =>
        await CliRunner.AssertLoadRefusedAsync(_temp.Combine("run"), $"--scenario read-heavy {options}", expected);

    [Fact]
    public async Task Any_fault_against_an_external_topology_is_refused()
    {
        var state = StateDirectory("external", replicas: 1);

        var (code, _, stderr) = await CliRunner.RunAsync($"load --scenario point-read --state-dir {state.Path} --out {_temp.Combine("run")} --fault replay-pause@5s,replay-resume@10s");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--fault cannot run on an external topology: the suite never kills, pauses or promotes servers it does not own", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
    }

    [Fact]
    public async Task A_failover_on_a_given_topology_runs_for_one_policy_only()
    {
        var state = StateDirectory("local", replicas: 2);

        var (code, _, stderr) = await CliRunner.RunAsync(
            $"load --scenario read-heavy --state-dir {state.Path} --out {_temp.Combine("run")} --policy primary-only,round-robin --fault failover@5s");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--fault failover reshapes the topology in --state-dir for good", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
    }

    private TopologyStateDirectory StateDirectory(string provider, int replicas) =>
        RecordedTopology.Write(_temp.Combine("state-" + provider), provider, replicas, writesAllowed: provider != "external");
}
