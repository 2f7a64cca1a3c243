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
    private readonly OwnTopologyFolders _folders = new();

    public TopologyLifecycleTests()
    {
        PostgresRequirement.Ensure();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _folders.Dispose();
    }

    [Fact]
    public async Task Down_leaves_no_process_and_no_directory_behind()
    {
        var state = new TopologyStateDirectory(_folders.State.Path);
        var topology = await TopologyLifecycle.UpAsync(new LocalTopologyProvider(TimeProvider.System, _folders.DataParent), new TopologyRequest(1), state, Token);
        var pids = topology.Local!.PostmasterPids.Values.ToList();
        Assert.Equal(2, pids.Count(LeftoverProcesses.IsAlive));
        Assert.True(Directory.Exists(topology.Local.DataRoot));

        await TopologyLifecycle.DownAsync(state, Token);

        Assert.DoesNotContain(pids, LeftoverProcesses.IsAlive);
        Assert.Empty(LeftoverProcesses.Under(_folders.DataParent));
        Assert.False(Directory.Exists(topology.Local.DataRoot));
        Assert.False(state.HasTopology);
    }

    [Fact]
    public async Task Up_and_down_from_the_command_line_print_no_secret_and_clean_up()
    {
        var environment = new Dictionary<string, string> { [LocalTopologyProvider.DataRootEnvironmentVariable] = _folders.DataParent };

        var up = await CliProcess.RunAsync(["topology", "up", "--replicas", "1", "--state-dir", _folders.State.Path], environment);
        Assert.True(up.Code == 0, up.Stderr);
        var password = new Npgsql.NpgsqlConnectionStringBuilder(new TopologyStateDirectory(_folders.State.Path).Read().Primary.ConnectionString).Password!;
        Assert.Contains("replica1", up.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(password, up.Stdout + up.Stderr, StringComparison.Ordinal);

        var down = await CliProcess.RunAsync(["topology", "down", "--state-dir", _folders.State.Path]);
        Assert.True(down.Code == 0, down.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_folders.DataParent));
        Assert.Empty(LeftoverProcesses.Under(_folders.DataParent));

        var again = await CliProcess.RunAsync(["topology", "down", "--state-dir", _folders.State.Path]);
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
        var state = new TopologyStateDirectory(_folders.State.Path);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TopologyLifecycle.UpAsync(new LocalTopologyProvider(TimeProvider.System, _folders.DataParent), new TopologyRequest(2), state, cts.Token));

        Assert.Empty(Directory.GetFileSystemEntries(_folders.DataParent));
        Assert.Empty(LeftoverProcesses.Under(_folders.DataParent));
        Assert.False(state.HasTopology);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_during_up_stops_everything(string signal)
    {
        var environment = new Dictionary<string, string> { [LocalTopologyProvider.DataRootEnvironmentVariable] = _folders.DataParent };
        using var cli = CliProcess.Start(["topology", "up", "--replicas", "2", "--state-dir", _folders.State.Path], environment);

        // Wait until the primary is being started, then interrupt.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!Directory.EnumerateFiles(_folders.DataParent, "primary.log", SearchOption.AllDirectories).Any())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "up never started the primary: " + cli.Stderr);
            await Task.Delay(10, Token);
        }

        cli.Signal(signal);
        var code = await cli.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(130, code);
        Assert.Contains("stopped", cli.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_folders.DataParent));
        Assert.Empty(LeftoverProcesses.Under(_folders.DataParent));
        Assert.False(File.Exists(Path.Combine(_folders.State.Path, "topology.json")));
    }

    [Fact]
    public async Task A_failed_up_stops_what_it_started_and_removes_its_data()
    {
        // Real server binaries, but a pg_basebackup that fails: the primary starts, the replicas cannot.
        var binaries = PostgresBinaries.Locate();
        var broken = Path.Combine(_folders.DataParent, "broken-bin");
        Directory.CreateDirectory(broken);
        foreach (var tool in new[] { "initdb", "pg_ctl", "postgres" })
        {
            File.CreateSymbolicLink(Path.Combine(broken, tool), binaries.Tool(tool));
        }

        var fake = Path.Combine(broken, "pg_basebackup");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\necho 'pg_basebackup: error: simulated failure' >&2\nexit 1\n", Token);
        File.SetUnixFileMode(fake, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(broken, (UnixFileMode)0b111_101_101);
        var dataParent = Path.Combine(_folders.DataParent, "data");
        Directory.CreateDirectory(dataParent);
        File.SetUnixFileMode(dataParent, (UnixFileMode)0b111_101_101);

        var (code, _, stderr) = await CliProcess.RunAsync(
            ["topology", "up", "--replicas", "2", "--state-dir", _folders.State.Path],
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
        Assert.False(File.Exists(Path.Combine(_folders.State.Path, "topology.json")));
    }
}
