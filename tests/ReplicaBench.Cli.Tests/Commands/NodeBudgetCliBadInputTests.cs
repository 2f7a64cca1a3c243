using ReplicaBench.Cli;
using ReplicaBench.Tests;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>
/// <c>--node-cpus</c> and <c>--node-memory</c> mistakes on <c>topology up</c> and <c>load</c>: one
/// line, exit 2, no stack trace, and nothing started (no topology.json, no run folder).
/// </summary>
public sealed class NodeBudgetCliBadInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--node-cpus 0", "replicabench: --node-cpus: '0' is not a positive number of CPUs;")]
    [InlineData("--node-cpus -0.3", "replicabench: --node-cpus: '-0.3' is not a positive number of CPUs;")]
    [InlineData("--node-cpus lots", "replicabench: --node-cpus: 'lots' is not a number of CPUs; write e.g. --node-cpus 0.3 (every node) or --node-cpus primary=0.6,replicas=0.2.")]
    [InlineData("--node-cpus 4096", "replicabench: --node-cpus: '4096' is more than this machine's")]
    [InlineData("--node-cpus 0.001", "replicabench: --node-cpus: '0.001' is below 0.01 CPU")]
    [InlineData("--node-cpus primary=0.6,replica1=0.2", "replicabench: --node-cpus: 'replica1=0.2' names 'replica1', which is not a role; name primary or replicas")]
    [InlineData("--node-cpus replicas=0.2,replicas=0.3", "replicabench: --node-cpus 'replicas=0.2,replicas=0.3' gives replicas twice; give each once.")]
    [InlineData("--node-memory 64MB", "replicabench: --node-memory: '64MB' is below 256MB")]
    [InlineData("--node-memory big", "replicabench: --node-memory: 'big' is not a size;")]
    [InlineData("--provider external --node-cpus 0.3", "replicabench: --node-cpus cannot be used with --provider external: the suite cannot limit a server that runs elsewhere; drop --node-cpus")]
    public async Task Topology_up_refuses_a_bad_node_budget_with_one_line(string options, string expected)
    {
        var state = _temp.Combine("state");

        var (code, stdout, stderr) = await CliRunner.RunAsync($"topology up --state-dir {state} {options}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith(expected, stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
        Assert.False(File.Exists(Path.Combine(state, "topology.json")));
    }

    [Theory]
    [InlineData("--node-cpus 0", "--node-cpus: '0' is not a positive number of CPUs")]
    [InlineData("--node-cpus 4096", "--node-cpus: '4096' is more than this machine's")]
    [InlineData("--node-cpus cpu=1", "--node-cpus: 'cpu=1' names 'cpu', which is not a role")]
    [InlineData("--node-memory 1TBish", "--node-memory: '1TBish' is not a size")]
    public async Task Load_refuses_a_bad_node_budget_before_starting_anything(string options, string expected) =>
        await CliRunner.AssertLoadRefusedAsync(_temp.Combine("run"), "--scenario read-heavy --replicas 1 " + options, expected);

    [Fact]
    public async Task Load_refuses_a_node_budget_for_a_topology_it_does_not_provision()
    {
        var state = _temp.Combine("state");
        Directory.CreateDirectory(state);
        File.WriteAllText(
            Path.Combine(state, "topology.json"),
            """{"schemaVersion":1,"provider":"local","createdAt":"2026-11-27T00:00:00+00:00","nodes":[{"name":"primary","role":"primary","host":"127.0.0.1","port":5432,"connectionString":"Host=127.0.0.1"}]}""");

        await CliRunner.AssertLoadRefusedAsync(
            _temp.Combine("run"),
            $"--scenario read-heavy --state-dir {state} --node-cpus 0.3",
            "--node-cpus applies when the load command provisions topologies; with --state-dir give it to 'replicabench topology up', or drop --state-dir.");
    }

    [Fact]
    public async Task Load_check_accepts_a_budget_this_machine_can_enforce_and_shows_it_in_the_plan()
    {
        try
        {
            ReplicaBench.Topology.Local.LocalTopologyProvider.EnsureBudgetSupported(ReplicaBench.Topology.Emulation.NodeBudget.Parse("0.3", null));
        }
        catch (BadInputException ex)
        {
            Assert.Skip("nodes cannot be emulated here: " + ex.Message);
        }

        var (code, stdout, stderr) = await CliRunner.RunAsync(
            $"load --scenario read-heavy --replicas 1 --policy round-robin --node-cpus primary=0.6,replicas=0.2 --check --out {_temp.Combine("run")}");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(stderr);
        Assert.EndsWith("; emulated nodes: cpus primary=0.6,replicas=0.2", stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Topology_up_help_explains_both_forms_of_the_budget()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("topology up --help");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("--node-cpus", stdout, StringComparison.Ordinal);
        Assert.Contains("'primary=0.6,replicas=0.2'", stdout, StringComparison.Ordinal);
        Assert.Contains("--node-memory", stdout, StringComparison.Ordinal);
    }
}
