using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Emulation;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Topology;

/// <summary>
/// <c>topology up --node-cpus</c> on the local provider, from the command line: every server and
/// every process it forked in a group of its own under the quota asked for, and no group left after
/// <c>down</c>, a failed <c>up</c>, or a server that was killed. Each test ends its own topology.
/// </summary>
public sealed class EmulatedNodeTests : IDisposable
{
    private readonly OwnTopologyFolders _folders = new();

    public EmulatedNodeTests()
    {
        EmulationRequirement.Ensure();
    }

    private Dictionary<string, string> Environment => new() { [LocalTopologyProvider.DataRootEnvironmentVariable] = _folders.DataParent };

    public void Dispose()
    {
        _folders.Dispose();
    }

    [Fact]
    public async Task Every_postmaster_and_its_children_run_in_their_own_group_at_3000_of_10000_and_down_removes_every_group()
    {
        var up = await CliProcess.RunAsync(["topology", "up", "--replicas", "2", "--node-cpus", "0.3", "--state-dir", _folders.State.Path], Environment);
        Assert.True(up.Code == 0, up.Stderr);
        Assert.Contains("Emulated nodes: cpus 0.3; one cgroup per server", up.Stdout, StringComparison.Ordinal);
        var topology = new TopologyStateDirectory(_folders.State.Path).Read();
        var emulation = topology.Emulation!;
        Assert.Equal("0.3", emulation.Cpus);
        Assert.Equal(["primary", "replica1", "replica2"], emulation.Nodes.Select(n => n.Node));
        Assert.Equal(3, emulation.Nodes.Select(n => n.Cgroup!.CpuDirectory).Distinct().Count());

        foreach (var node in emulation.Nodes)
        {
            var group = node.Cgroup!;
            Assert.Equal(0.3, node.Cpus);
            Assert.EndsWith($"replicabench-{Path.GetFileName(topology.Local!.DataRoot)["replicabench-".Length..]}-{node.Node}", group.CpuDirectory, StringComparison.Ordinal);
            Assert.Equal("3000/10000", ProcessCgroups.Quota(group));

            // The postmaster and its auxiliary processes and backends (checkpointer, walwriter,
            // startup, walreceiver or walsenders, ...): every one in the node's group, in every hierarchy.
            var tree = ProcessCgroups.Tree(topology.Local.PostmasterPids[node.Node]);
            Assert.True(tree.Count >= 4, $"{node.Node}: only {tree.Count} server process(es) found");
            foreach (var pid in tree)
            {
                AssertInGroup(pid, group, node.Node);
            }

            // And nothing else is: whatever the group holds descends from this postmaster.
            var members = NodeCgroupCleanup.Processes(group.CpuDirectory!);
            var treeNow = ProcessCgroups.Tree(topology.Local.PostmasterPids[node.Node]);
            Assert.All(members.Where(LeftoverProcesses.IsAlive), pid => Assert.Contains(pid, treeNow));
        }

        var status = await CliProcess.RunAsync(["topology", "status", "--state-dir", _folders.State.Path]);
        Assert.True(status.Code == 0, status.Stderr);
        Assert.Contains("cpus", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("Emulated nodes: cpus 0.3", status.Stdout, StringComparison.Ordinal);

        var down = await CliProcess.RunAsync(["topology", "down", "--state-dir", _folders.State.Path]);
        Assert.True(down.Code == 0, down.Stderr);
        AssertNoGroupLeft(emulation);
        Assert.Empty(LeftoverProcesses.Under(_folders.DataParent));
    }

    [Fact]
    public async Task Down_after_a_postmaster_was_killed_still_removes_every_group()
    {
        var up = await CliProcess.RunAsync(["topology", "up", "--replicas", "1", "--node-cpus", "primary=0.5,replicas=0.2", "--state-dir", _folders.State.Path], Environment);
        Assert.True(up.Code == 0, up.Stderr);
        var topology = new TopologyStateDirectory(_folders.State.Path).Read();
        Assert.Equal([0.5, 0.2], topology.Emulation!.Nodes.Select(n => n.Cpus));
        Assert.Equal("2000/10000", ProcessCgroups.Quota(topology.Emulation.Find("replica1")!.Cgroup!));

        // A crash: the primary's postmaster dies at once, its backends notice a moment later.
        LeftoverProcesses.Kill([topology.Local!.PostmasterPids["primary"]]);
        var down = await CliProcess.RunAsync(["topology", "down", "--state-dir", _folders.State.Path]);

        Assert.True(down.Code == 0, down.Stderr);
        AssertNoGroupLeft(topology.Emulation);
        Assert.Empty(LeftoverProcesses.Under(_folders.DataParent));
    }

    [Fact]
    public async Task A_failed_up_removes_the_groups_it_made()
    {
        // Real server binaries, but a pg_basebackup that fails: the primary starts in its group, the replica cannot.
        var binaries = PostgresBinaries.Locate();
        var broken = Path.Combine(_folders.DataParent, "broken-bin");
        Directory.CreateDirectory(broken);
        foreach (var tool in new[] { "initdb", "pg_ctl", "postgres" })
        {
            File.CreateSymbolicLink(Path.Combine(broken, tool), binaries.Tool(tool));
        }

        var fake = Path.Combine(broken, "pg_basebackup");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\necho 'pg_basebackup: error: simulated failure' >&2\nexit 1\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(fake, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(broken, (UnixFileMode)0b111_101_101);
        var dataParent = Path.Combine(_folders.DataParent, "data");
        Directory.CreateDirectory(dataParent);
        File.SetUnixFileMode(dataParent, (UnixFileMode)0b111_101_101);
        var before = ReplicaBenchGroups();

        // Watch the groups come and go, so the test proves the up made some before it failed.
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                seen.UnionWith(ReplicaBenchGroups().Except(before));
                await Task.Delay(5, watching.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }, TestContext.Current.CancellationToken);
        var (code, _, stderr) = await CliProcess.RunAsync(
            ["topology", "up", "--replicas", "1", "--node-cpus", "0.3", "--state-dir", _folders.State.Path],
            new Dictionary<string, string>
            {
                [PostgresBinaries.EnvironmentVariable] = broken,
                [LocalTopologyProvider.DataRootEnvironmentVariable] = dataParent,
            });
        await watching.CancelAsync();
        await watcher;

        Assert.Contains(seen, g => g.EndsWith("-primary", StringComparison.Ordinal));
        Assert.Equal(1, code);
        Assert.Contains("simulated failure", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dataParent));
        Assert.Equal(before, ReplicaBenchGroups());
    }

    private static void AssertInGroup(int pid, NodeCgroup group, string node)
    {
        foreach (var (directory, controller) in new[] { (group.CpuDirectory, "cpu"), (group.AccountingDirectory, "cpuacct") })
        {
            if (directory is null || LeftoverProcesses.IsAlive(pid) is false)
            {
                continue;
            }

            var actual = ProcessCgroups.GroupOf(pid, group.Version, controller);
            Assert.True(
                actual is not null && directory.EndsWith(actual, StringComparison.Ordinal) && actual.Length > 1,
                $"{node}: process {pid} is in {controller} group '{actual}', not in {directory}");
        }
    }

    private static void AssertNoGroupLeft(NodeEmulation emulation) =>
        Assert.All(emulation.Nodes.SelectMany(n => n.Cgroup!.Directories), d => Assert.False(Directory.Exists(d), d + " was left behind"));

    /// <summary>Every topology's node group (replicabench-&lt;8 hex&gt;-&lt;node&gt;) in the cpu and cpuacct hierarchies, v1 or v2, to see none is added.</summary>
    private static string[] ReplicaBenchGroups() =>
        [.. new[] { "/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpuacct", "/sys/fs/cgroup/unified", "/sys/fs/cgroup" }
            .Where(Directory.Exists)
            .SelectMany(h => Directory.GetDirectories(h, "replicabench-*"))
            .Where(d => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(d), "^replicabench-[0-9a-f]{8}-"))
            .Order(StringComparer.Ordinal)];
}
