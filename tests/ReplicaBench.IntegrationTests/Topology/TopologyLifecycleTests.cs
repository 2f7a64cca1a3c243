using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Topology;

/// <summary>
/// Each test here brings up a topology of its own, because each ends it: by down, by cancellation,
/// by a signal, or by a failure. All must leave no server running and no directory behind.
/// </summary>
public sealed class TopologyLifecycleTests : IDisposable
{
    private readonly string _dataParent = Directory.CreateTempSubdirectory("rb-it-data-").FullName;
    private readonly string _stateDir = Directory.CreateTempSubdirectory("rb-it-state-").FullName;

    public TopologyLifecycleTests()
    {
        PostgresRequirement.Ensure();

        // Servers run as the postgres user when tests run as root: it must reach the data folder.
        File.SetUnixFileMode(_dataParent, (UnixFileMode)0b111_101_101);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        // Belt and braces: never let a failed test leak servers into the next one.
        LeftoverProcesses.Kill(LeftoverProcesses.Under(_dataParent));
        Directory.Delete(_dataParent, recursive: true);
        Directory.Delete(_stateDir, recursive: true);
    }

    [Fact]
    public async Task Down_leaves_no_process_and_no_directory_behind()
    {
        var state = new TopologyStateDirectory(_stateDir);
        var topology = await TopologyLifecycle.UpAsync(new LocalTopologyProvider(TimeProvider.System, _dataParent), new TopologyRequest(1), state, Token);
        var pids = topology.Local!.PostmasterPids.Values.ToList();
        Assert.Equal(2, pids.Count(LeftoverProcesses.IsAlive));
        Assert.True(Directory.Exists(topology.Local.DataRoot));

        await TopologyLifecycle.DownAsync(state, Token);

        Assert.DoesNotContain(pids, LeftoverProcesses.IsAlive);
        Assert.Empty(LeftoverProcesses.Under(_dataParent));
        Assert.False(Directory.Exists(topology.Local.DataRoot));
        Assert.False(state.HasTopology);
    }

    [Fact]
    public async Task Up_and_down_from_the_command_line_print_no_secret_and_clean_up()
    {
        var environment = new Dictionary<string, string> { [LocalTopologyProvider.DataRootEnvironmentVariable] = _dataParent };

        var up = await CliProcess.RunAsync(["topology", "up", "--replicas", "1", "--state-dir", _stateDir], environment);
        Assert.True(up.Code == 0, up.Stderr);
        var password = new Npgsql.NpgsqlConnectionStringBuilder(new TopologyStateDirectory(_stateDir).Read().Primary.ConnectionString).Password!;
        Assert.Contains("replica1", up.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(password, up.Stdout + up.Stderr, StringComparison.Ordinal);

        var down = await CliProcess.RunAsync(["topology", "down", "--state-dir", _stateDir]);
        Assert.True(down.Code == 0, down.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_dataParent));
        Assert.Empty(LeftoverProcesses.Under(_dataParent));

        var again = await CliProcess.RunAsync(["topology", "down", "--state-dir", _stateDir]);
        Assert.Equal(2, again.Code);
        Assert.Contains("no topology is up", again.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1200)]
    public async Task A_cancelled_up_stops_what_it_started_and_removes_its_data(int cancelAfterMs)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cts.CancelAfter(cancelAfterMs);
        var state = new TopologyStateDirectory(_stateDir);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TopologyLifecycle.UpAsync(new LocalTopologyProvider(TimeProvider.System, _dataParent), new TopologyRequest(2), state, cts.Token));

        Assert.Empty(Directory.GetFileSystemEntries(_dataParent));
        Assert.Empty(LeftoverProcesses.Under(_dataParent));
        Assert.False(state.HasTopology);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_during_up_stops_everything(string signal)
    {
        var environment = new Dictionary<string, string> { [LocalTopologyProvider.DataRootEnvironmentVariable] = _dataParent };
        using var cli = CliProcess.Start(["topology", "up", "--replicas", "2", "--state-dir", _stateDir], environment);

        // Wait until the primary is being started, then interrupt.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!Directory.EnumerateFiles(_dataParent, "primary.log", SearchOption.AllDirectories).Any())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "up never started the primary: " + cli.Stderr);
            await Task.Delay(10, Token);
        }

        cli.Signal(signal);
        var code = await cli.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(130, code);
        Assert.Contains("stopped", cli.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_dataParent));
        Assert.Empty(LeftoverProcesses.Under(_dataParent));
        Assert.False(File.Exists(Path.Combine(_stateDir, "topology.json")));
    }

    [Fact]
    public async Task A_failed_up_stops_what_it_started_and_removes_its_data()
    {
        // Real server binaries, but a pg_basebackup that fails: the primary starts, the replicas cannot.
        var binaries = PostgresBinaries.Locate();
        var broken = Path.Combine(_dataParent, "broken-bin");
        Directory.CreateDirectory(broken);
        foreach (var tool in new[] { "initdb", "pg_ctl", "postgres" })
        {
            File.CreateSymbolicLink(Path.Combine(broken, tool), binaries.Tool(tool));
        }

        var fake = Path.Combine(broken, "pg_basebackup");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\necho 'pg_basebackup: error: simulated failure' >&2\nexit 1\n", Token);
        File.SetUnixFileMode(fake, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(broken, (UnixFileMode)0b111_101_101);
        var dataParent = Path.Combine(_dataParent, "data");
        Directory.CreateDirectory(dataParent);
        File.SetUnixFileMode(dataParent, (UnixFileMode)0b111_101_101);

        var (code, _, stderr) = await CliProcess.RunAsync(
            ["topology", "up", "--replicas", "2", "--state-dir", _stateDir],
            new Dictionary<string, string>
            {
                [PostgresBinaries.EnvironmentVariable] = broken,
                [LocalTopologyProvider.DataRootEnvironmentVariable] = dataParent,
            });

        Assert.Equal(1, code);
        Assert.Contains("simulated failure", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(Directory.GetFileSystemEntries(dataParent));
        Assert.Empty(LeftoverProcesses.Under(dataParent));
        Assert.False(File.Exists(Path.Combine(_stateDir, "topology.json")));
    }
}
