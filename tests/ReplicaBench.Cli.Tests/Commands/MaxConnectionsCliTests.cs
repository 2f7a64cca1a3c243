using ReplicaBench.Cli;
using ReplicaBench.Tests;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>
/// <c>topology up --max-connections</c> mistakes (one line, exit 2, nothing started), and the
/// connection preflight of a run the command would provision itself (checked against the
/// provider's defaults, also by <c>load --check</c>).
/// </summary>
public sealed class MaxConnectionsCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--max-connections 5", "replicabench: --max-connections 5 is out of range; use 10 to 10000.")]
    [InlineData("--provider external --max-connections 50", "replicabench: --max-connections applies to the local and containers providers, which start their own servers;")]
    public async Task Topology_up_refuses_a_bad_max_connections_with_one_line(string options, string expected)
    {
        var state = _temp.Combine("state");

        var (code, stdout, stderr) = await CliRunner.RunAsync($"topology up --state-dir {state} {options}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith(expected, stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
        Assert.False(File.Exists(Path.Combine(state, "topology.json")));
    }

    [Fact]
    public async Task Load_check_refuses_more_users_than_a_provisioned_topology_accepts()
    {
        var output = _temp.Combine("run");

        var (code, stdout, stderr) = await CliRunner.RunAsync($"load --check --scenario point-read --replicas 0,2 --policy primary-only,round-robin --vus 5000 --out {output}");

        // 200 - 3 reserved = 197 free; a replica keeps 6 for the suite, so 191 users fit.
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith(
            "replicabench: not enough connections for 5000 virtual users: primary needs 5005 (5000 for the users + 5 of the suite's own) but accepts 197 (max_connections 200 - 3 reserved - 0 in use); "
            + "replica1 needs 5006 (5000 for the users + 6 of the suite's own) but accepts 197",
            stderr,
            StringComparison.Ordinal);
        Assert.Contains("use at most 191 --vus (--max-vus in the open model), or bring up a topology with 'replicabench topology up --max-connections 5010' (or '--pooler pgbouncer') and pass its --state-dir.", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Load_check_accepts_the_most_users_that_fit()
    {
        var (code, _, stderr) = await CliRunner.RunAsync($"load --check --scenario point-read --replicas 0,2 --policy round-robin --vus 191 --out {_temp.Combine("run")}");

        Assert.True(code == ExitCodes.Success, stderr);
    }
}
