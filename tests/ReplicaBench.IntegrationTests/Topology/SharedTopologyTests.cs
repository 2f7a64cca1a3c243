using System.Diagnostics;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;

namespace ReplicaBench.IntegrationTests.Topology;

/// <summary>A real primary with two streaming replicas (replica2 delayed 300 ms), shared by these tests.</summary>
public sealed class SharedTopologyTests(SharedTopologyFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Topology_json_lists_a_primary_and_two_replicas_and_is_private()
    {
        var topology = fixture.Topology;

        Assert.Equal(["primary", "replica1", "replica2"], topology.Nodes.Select(n => n.Name));
        Assert.Equal([NodeRole.Primary, NodeRole.Replica, NodeRole.Replica], topology.Nodes.Select(n => n.Role));
        Assert.All(topology.Nodes, n => Assert.Equal("127.0.0.1", n.Host));
        Assert.Equal(3, topology.Nodes.Select(n => n.Port).Distinct().Count());
        Assert.Equal(300, topology.FindNode("replica2")!.ApplyDelayMs);
        Assert.StartsWith("15", topology.ServerVersion, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fixture.StateDirectory.TopologyFile));
    }

    [Fact]
    public async Task Status_shows_every_node_reachable_and_both_replicas_streaming()
    {
        var statuses = await TopologyStatusReader.ReadAsync(fixture.Topology, Token);

        Assert.All(statuses, s => Assert.True(s.Reachable, s.Error));
        Assert.Equal([false, true, true], statuses.Select(s => s.InRecovery));
        Assert.Equal(["streaming", "streaming"], statuses.Where(s => s.Role == NodeRole.Replica).Select(s => s.ReplicationState));
    }

    [Fact]
    public async Task A_row_written_on_the_primary_becomes_visible_on_both_replicas()
    {
        var topology = fixture.Topology;
        await Rows.EnsureMarkerTableAsync(topology.Primary.ConnectionString, Token);
        var id = Random.Shared.NextInt64(1, long.MaxValue);

        await Rows.InsertMarkerAsync(topology.Primary.ConnectionString, id, Token);
        var sinceCommit = Stopwatch.StartNew();

        foreach (var replica in topology.Replicas)
        {
            await Rows.WaitUntilVisibleAsync(replica.ConnectionString, id, sinceCommit, TimeSpan.FromSeconds(10), Token);
        }
    }

    [Fact]
    public async Task The_apply_delay_holds_back_visibility_on_the_delayed_replica_only()
    {
        var topology = fixture.Topology;
        await Rows.EnsureMarkerTableAsync(topology.Primary.ConnectionString, Token);
        var delay = SharedTopologyFixture.Replica2ApplyDelay;
        var undelayed = new List<TimeSpan>();

        for (var sample = 0; sample < 3; sample++)
        {
            var id = Random.Shared.NextInt64(1, long.MaxValue);
            await Rows.InsertMarkerAsync(topology.Primary.ConnectionString, id, Token);
            var sinceCommit = Stopwatch.StartNew();
            var replica2Task = Rows.WaitUntilVisibleAsync(topology.FindNode("replica2")!.ConnectionString, id, sinceCommit, TimeSpan.FromSeconds(10), Token);
            undelayed.Add(await Rows.WaitUntilVisibleAsync(topology.FindNode("replica1")!.ConnectionString, id, sinceCommit, TimeSpan.FromSeconds(10), Token));
            var replica2 = await replica2Task;

            // A hard lower bound, whatever the machine's load: the delay counts from the commit's
            // timestamp, taken a moment before the client hears of it.
            Assert.True(replica2 >= delay - TimeSpan.FromMilliseconds(20), $"replica2 saw the row after {replica2.TotalMilliseconds:0} ms, before its {delay.TotalMilliseconds} ms apply delay");
        }

        // The undelayed replica normally sees a row within a millisecond or two; the median of three
        // keeps one scheduling hiccup on a busy 2-core machine from deciding the test.
        var median = undelayed.Order().ElementAt(1);
        Assert.True(median < delay / 2, $"undelayed replica1 took {string.Join(", ", undelayed.Select(t => t.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} ms");
    }

    [Fact]
    public async Task Status_command_prints_a_table_without_secrets()
    {
        var password = new Npgsql.NpgsqlConnectionStringBuilder(fixture.Topology.Primary.ConnectionString).Password!;

        var (code, stdout, stderr) = await CliProcess.RunAsync(["topology", "status", "--state-dir", fixture.StateDirectory.Path]);

        Assert.Equal(0, code);
        Assert.Equal(2, stdout.Split("streaming").Length - 1);
        Assert.DoesNotContain(password, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_up_in_the_same_state_dir_is_refused()
    {
        _ = fixture.Topology;

        var (code, stdout, stderr) = await CliProcess.RunAsync(["topology", "up", "--state-dir", fixture.StateDirectory.Path]);

        Assert.Equal(2, code);
        Assert.Contains("a topology is already up in", stderr, StringComparison.Ordinal);
        Assert.Contains("topology down", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
        Assert.Equal(3, (await TopologyStatusReader.ReadAsync(fixture.Topology, Token)).Count(s => s.Reachable));
    }
}
