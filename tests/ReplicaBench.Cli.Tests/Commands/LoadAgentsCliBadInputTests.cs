using ReplicaBench.Cli;
using ReplicaBench.Tests;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>'replicabench load --agents' mistakes: one line, exit 2, no agent started, no output folder.</summary>
public sealed class LoadAgentsCliBadInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--agents 0", "--agents 0 is not a number of agents: give 1 to 64 load processes for this machine, e.g. --agents 2.")]
    [InlineData("--agents 65", "--agents 65 is not a number of agents")]
    [InlineData("--agents 2", "--agents 2 needs one topology for all agents: bring one up (replicabench topology up --replicas N --state-dir DIR) and add --state-dir DIR.")]
    public async Task A_bad_agent_count_or_a_missing_topology_is_refused(string options, string expected) =>
        await CliRunner.AssertLoadRefusedAsync(_temp.Combine("run"), $"--scenario read-heavy {options}", expected);

    [Theory]
    [InlineData("--shard 1/2 --start-at 2026-12-06T10:00:00Z", "--agents runs the shards itself and chooses --start-at; give --agents N or --shard i/N, not both.")]
    [InlineData("--threshold p99<5ms", "--threshold is checked per process, and each agent holds only a share of the load")]
    public async Task What_cannot_be_split_over_agents_is_refused(string options, string expected)
    {
        var state = RecordedTopology.Write(_temp.Combine("state"), "local", replicas: 2, writesAllowed: true);

        await CliRunner.AssertLoadRefusedAsync(_temp.Combine("run"), $"--scenario read-heavy --agents 2 --state-dir {state.Path} {options}", expected);
    }

    [Fact]
    public async Task Check_says_the_run_is_valid_as_agents_and_starts_nothing()
    {
        var state = RecordedTopology.Write(_temp.Combine("state"), "local", replicas: 2, writesAllowed: true);

        var (code, stdout, stderr) = await CliRunner.RunAsync($"load --scenario read-heavy --agents 3 --state-dir {state.Path} --out {_temp.Combine("run")} --check");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(stderr);
        Assert.EndsWith(", as 3 agent(s)", stdout.TrimEnd(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.Combine("run")));
    }
}
