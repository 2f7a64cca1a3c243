using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Poolers;

/// <summary><c>topology up --pooler pgbouncer</c> and <c>down</c> from the command line, and a missing pgbouncer.</summary>
public sealed class PgBouncerLifecycleTests : IDisposable
{
    private readonly OwnTopologyFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Up_puts_a_pgbouncer_in_front_of_each_node_and_down_leaves_none_running()
    {
        PostgresRequirement.Ensure();
        var environment = new Dictionary<string, string> { [LocalTopologyProvider.DataRootEnvironmentVariable] = _folders.DataParent };

        var up = await CliProcess.RunAsync(["topology", "up", "--replicas", "0", "--pooler", "pgbouncer", "--state-dir", _folders.State.Path], environment);
        Assert.True(up.Code == 0, up.Stderr);
        var topology = new TopologyStateDirectory(_folders.State.Path).Read();
        var primary = topology.Pooler!.Nodes["primary"];
        Assert.Equal(primary.PoolerPort, topology.Primary.Port);
        Assert.NotEqual(primary.ServerPort, primary.PoolerPort);
        Assert.True(LeftoverProcesses.IsAlive(primary.Pid));
        Assert.Contains("Pooler: pgbouncer", up.Stdout, StringComparison.Ordinal);

        var down = await CliProcess.RunAsync(["topology", "down", "--state-dir", _folders.State.Path]);

        Assert.True(down.Code == 0, down.Stderr);
        Assert.False(LeftoverProcesses.IsAlive(primary.Pid));
        Assert.Empty(LeftoverProcesses.Under(_folders.DataParent));
        Assert.Empty(Directory.GetFileSystemEntries(_folders.DataParent));
    }

    [Fact]
    public async Task A_missing_pgbouncer_is_one_line_that_says_what_to_install_and_exit_2()
    {
        var environment = new Dictionary<string, string>
        {
            [LocalTopologyProvider.DataRootEnvironmentVariable] = _folders.DataParent,
            ["REPLICABENCH_PGBOUNCER"] = "/nonexistent/pgbouncer",
        };

        var (code, stdout, stderr) = await CliProcess.RunAsync(["topology", "up", "--replicas", "0", "--pooler", "pgbouncer", "--state-dir", _folders.State.Path], environment);

        Assert.Equal(ExitCodes.BadInput, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("apt-get install pgbouncer", line, StringComparison.Ordinal);
        Assert.Empty(stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_folders.DataParent));
    }
}
