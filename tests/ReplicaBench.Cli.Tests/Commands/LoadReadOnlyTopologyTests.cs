using ReplicaBench.Cli;
using ReplicaBench.Tests;
using ReplicaBench.Topology;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>
/// 'replicabench load' on an external topology that allows no writes (no --allow-writes): a run that
/// would write is refused before anything starts, in one line naming what writes; reads are accepted.
/// </summary>
public sealed class LoadReadOnlyTopologyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--scenario read-heavy", "scenario read-heavy (5% writes: insert 1%, update 4%) writes")]
    [InlineData("--scenario write-heavy", "scenario write-heavy (50% writes: insert 15%, update 35%) writes")]
    [InlineData("--mix point-read=99,insert=1", "scenario custom (1% writes: insert 1%, update 0%) writes")]
    public async Task A_load_that_writes_is_refused_on_a_read_only_topology(string workload, string expected)
    {
        var state = ReadOnlyExternal();

        var (code, _, stderr) = await CliRunner.RunAsync($"load {workload} --state-dir {state.Path} --out {_temp.Combine("run")} --check");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("replicabench: " + expected + ", but the external topology in " + state.Path + " allows no writes", stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-writes", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
    }

    [Fact]
    public async Task A_write_script_is_named_when_refused()
    {
        var state = ReadOnlyExternal();
        var script = _temp.Combine("bump.sql");
        await File.WriteAllTextAsync(script, "UPDATE accounts SET balance = balance + 1 WHERE id = 1;\n", TestContext.Current.CancellationToken);

        var (code, _, stderr) = await CliRunner.RunAsync($"load --script {script} --no-seed --state-dir {state.Path} --out {_temp.Combine("run")} --check");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("replicabench: script bump writes, but the external topology", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
    }

    [Theory]
    [InlineData("--scenario point-read")]
    [InlineData("--mix point-read=90,range-read=10")]
    public async Task Reads_are_accepted_on_a_read_only_topology(string workload)
    {
        var state = ReadOnlyExternal();

        var (code, stdout, stderr) = await CliRunner.RunAsync($"load {workload} --state-dir {state.Path} --out {_temp.Combine("run")} --check");

        Assert.True(code == 0, stderr);
        Assert.StartsWith("load: the arguments are valid", stdout, StringComparison.Ordinal);
    }

    private TopologyStateDirectory ReadOnlyExternal() => RecordedTopology.Write(_temp.Combine("state"), "external", replicas: 2, writesAllowed: false);
}
