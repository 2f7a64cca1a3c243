using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>
/// What a user gets when a load that provisioned its own servers is stopped by a signal sent to the
/// real process: SIGTERM as Ctrl+C, a second Ctrl+C, SIGKILL; and what <c>topology up</c> and
/// <c>down</c> then do with what was left. Each run is a 0-replica topology with 1 s cells, its
/// servers under a data folder of the test's own, so "nothing left" is checked by the processes
/// that name that folder.
/// </summary>
public sealed partial class InterruptedLoadTests : IDisposable
{
    private readonly OwnTopologyFolders _folders = new();
    private readonly string _output = Path.Combine(Directory.CreateTempSubdirectory("rb-it-interrupt-").FullName, "run");

    public InterruptedLoadTests()
    {
        PostgresRequirement.Ensure();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _folders.Dispose();
        Directory.Delete(Path.GetDirectoryName(_output)!, recursive: true);
    }

    [Fact]
    public async Task Sigterm_stops_a_provisioned_load_as_ctrl_c_does_keeping_the_finished_cell_and_stopping_its_servers()
    {
        using var cli = StartLoad();
        await WaitForAsync(cli, "load: r0-primary-only:");

        cli.Signal("TERM");
        var code = await WaitOrDescribeAsync(cli);

        Assert.Equal(ExitCodes.Cancelled, code);
        using var results = ResultsJson.Read(_output);
        Assert.False(results.RootElement.GetProperty("run").GetProperty("complete").GetBoolean());
        var cells = ResultsJson.CellsById(results);
        Assert.False(cells["r0-primary-only"].GetProperty("partial").GetBoolean());
        if (cells.TryGetValue("r0-round-robin", out var interrupted))
        {
            Assert.True(interrupted.GetProperty("partial").GetBoolean());
        }

        Assert.Empty(LeftoverProcesses.Under(_folders.DataParent));
        Assert.Empty(Directory.GetFileSystemEntries(_folders.DataParent));
        Assert.False(Directory.Exists(StateDirOf(cli)), "the run's private state dir goes with its servers");
    }

    [Fact]
    public async Task A_second_ctrl_c_stops_at_once_leaves_a_results_file_that_parses_and_names_the_state_dir_that_down_cleans()
    {
        using var cli = StartLoad();
        await WaitForAsync(cli, "load: r0-primary-only:");

        cli.Signal("INT");
        // Soon after the first, while its cleanup (results, stopping the servers) surely still runs.
        await Task.Delay(10, Token);
        var second = Stopwatch.StartNew();
        cli.Signal("INT");
        var code = await cli.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.True(second.Elapsed < TimeSpan.FromSeconds(5), $"exited {second.Elapsed.TotalSeconds:0.0} s after the second Ctrl+C");
        Assert.Contains("stopped at once (second interrupt)", cli.Stderr, StringComparison.Ordinal);
        using (var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "results.json"))))
        {
            Assert.Contains(results.RootElement.GetProperty("cells").EnumerateArray(), c => c.GetProperty("id").GetString() == "r0-primary-only");
        }

        // Whatever the second Ctrl+C left running, the state dir the run named removes it.
        var stateDir = StateDirOf(cli);
        if (Directory.Exists(stateDir) && File.Exists(Path.Combine(stateDir, TopologyStateDirectory.FileName)))
        {
            var down = await CliProcess.RunAsync(["topology", "down", "--state-dir", stateDir]);
            Assert.True(down.Code == 0, down.Stderr);
        }

        Assert.Empty(LeftoverProcesses.Under(_folders.DataParent));
    }

    [Fact]
    public async Task After_sigkill_topology_down_on_the_runs_state_dir_removes_what_it_left_and_nothing_else()
    {
        // Another topology, up at the same time, must survive the cleanup.
        using var other = new OwnTopologyFolders();
        var bystander = await TopologyLifecycle.UpAsync(new LocalTopologyProvider(TimeProvider.System, other.DataParent), new TopologyRequest(0), other.State, Token);
        try
        {
            using var cli = StartLoad();
            await WaitForAsync(cli, "load: r0-primary-only:");
            cli.Signal("KILL");
            await cli.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotEmpty(LeftoverProcesses.Under(_folders.DataParent));

            var down = await CliProcess.RunAsync(["topology", "down", "--state-dir", StateDirOf(cli)]);

            Assert.True(down.Code == 0, down.Stderr);
            Assert.Empty(LeftoverProcesses.Under(_folders.DataParent));
            Assert.Empty(Directory.GetFileSystemEntries(_folders.DataParent));
            Assert.True(LeftoverProcesses.IsAlive(bystander.Local!.PostmasterPids["primary"]), "another topology must be left running");
        }
        finally
        {
            await TopologyLifecycle.DownAsync(other.State, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Up_on_a_state_dir_whose_servers_are_dead_cleans_it_first_while_one_whose_servers_run_is_refused_in_one_line()
    {
        var environment = new Dictionary<string, string> { [LocalTopologyProvider.DataRootEnvironmentVariable] = _folders.DataParent };
        string[] up = ["topology", "up", "--replicas", "0", "--state-dir", _folders.State.Path];
        var first = await CliProcess.RunAsync(up, environment);
        Assert.True(first.Code == 0, first.Stderr);
        var dead = _folders.State.Read();

        var refused = await CliProcess.RunAsync(up, environment);
        Assert.Equal(ExitCodes.BadInput, refused.Code);
        Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("a topology is already up in", refused.Stderr, StringComparison.Ordinal);

        // As after a crash of the machine or a kill of everything: every server process gone, the record left.
        var postmaster = dead.Local!.PostmasterPids["primary"];
        LeftoverProcesses.Kill([postmaster, .. ServerProcessSignals.Descendants(postmaster)]);
        await LeftoverProcesses.WaitForExitAsync([postmaster], TimeSpan.FromSeconds(10), Token);

        var again = await CliProcess.RunAsync(up, environment);

        Assert.True(again.Code == 0, again.Stderr);
        Assert.Contains("had no server running any more; its leftovers were removed", again.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dead.Local.DataRoot), "the dead topology's data is removed");
        var fresh = _folders.State.Read();
        Assert.True(LeftoverProcesses.IsAlive(fresh.Local!.PostmasterPids["primary"]));
        await TopologyLifecycle.DownAsync(_folders.State, Token);
    }

    private CliProcess StartLoad() => CliProcess.Start(
        ["load", "--scenario", "point-read", "--replicas", "0", "--policy", "primary-only,round-robin", "--vus", "2", "--duration", "3s", "--warmup", "1s", "--generator-warmup", "0s",
         "--seed-rows", "500", "--visibility-probe", "off", "--out", _output],
        new Dictionary<string, string> { [LocalTopologyProvider.DataRootEnvironmentVariable] = _folders.DataParent });

    private static async Task<int> WaitOrDescribeAsync(CliProcess cli)
    {
        try
        {
            return await cli.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"still running 60 s after the signal; stdout: {cli.Stdout}; stderr: {cli.Stderr}");
            throw;
        }
    }

    private static async Task WaitForAsync(CliProcess cli, string text)
    {
        var waited = Stopwatch.StartNew();
        while (!cli.Stdout.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(90), $"never printed '{text}': {cli.Stdout} {cli.Stderr}");
            await Task.Delay(50, Token);
        }
    }

    /// <summary>The private state dir the run named when it provisioned its topology.</summary>
    private static string StateDirOf(CliProcess cli) =>
        StateDirLine().Match(cli.Stdout) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("the run named no state dir: " + cli.Stdout);

    [GeneratedRegex(@"in state dir (\S+) \(")]
    private static partial Regex StateDirLine();
}
