using System.Diagnostics;
using System.Globalization;
using Npgsql;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Emulation;
using ReplicaBench.Topology.Faults;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Topology;

/// <summary>
/// The quota bites, by known answer: a CPU-bound query on a node held to 0.2 CPU uses 0.2 CPU-seconds
/// per second of wall time (read from the node's own cgroup accounting), one on a 1.0 CPU node far
/// more; and a server restarted by a fault runs under its quota again. Each test ends its own topology.
/// </summary>
public sealed class CpuQuotaTests : IDisposable
{
    /// <summary>Long enough for 20 CFS periods of 100 ms, short enough for a test.</summary>
    private static readonly TimeSpan Busy = TimeSpan.FromSeconds(2);

    private readonly OwnTopologyFolders _folders = new();

    public CpuQuotaTests()
    {
        EmulationRequirement.Ensure();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _folders.Dispose();
    }

    [Fact]
    public async Task A_cpu_bound_query_gets_a_fifth_of_a_cpu_under_0_2_and_clearly_more_under_1_0()
    {
        var budget = NodeBudget.Parse("primary=0.2,replicas=1", null);
        var topology = await UpAsync(new TopologyRequest(1, budget: budget));
        double underFifth, underOne;
        try
        {
            // One after the other, so the two servers do not compete for this machine's cores.
            underFifth = await CoresUsedAsync(topology, "primary");
            underOne = await CoresUsedAsync(topology, "replica1");
        }
        finally
        {
            await TopologyLifecycle.DownAsync(_folders.State, CancellationToken.None);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            string.Create(CultureInfo.InvariantCulture, $"CPU used per second of wall time: {underFifth:0.000} under a 0.2 quota, {underOne:0.000} under 1.0"));
        Assert.InRange(underFifth, 0.12, 0.26);
        Assert.True(underOne > 0.45, string.Create(CultureInfo.InvariantCulture, $"under a 1.0 quota the query used only {underOne:0.000} CPU"));
        Assert.All(topology.Emulation!.Nodes.SelectMany(n => n.Cgroup!.Directories), d => Assert.False(Directory.Exists(d), d + " was left behind"));
    }

    [Fact]
    public async Task A_replica_restarted_by_a_fault_runs_in_its_group_again()
    {
        var topology = await UpAsync(new TopologyRequest(1, budget: NodeBudget.Parse("0.3", null)));
        try
        {
            var group = topology.Emulation!.Find("replica1")!.Cgroup!;
            var faults = TopologyFaults.For(_folders.State);
            await faults.KillReplicaAsync("replica1", Token);
            Assert.Equal(0, faults.Topology.Local!.PostmasterPids["replica1"]);

            await faults.RestartReplicaAsync("replica1", Token);

            var restarted = faults.Topology.Local!.PostmasterPids["replica1"];
            Assert.NotEqual(topology.Local!.PostmasterPids["replica1"], restarted);
            foreach (var pid in ProcessCgroups.Tree(restarted))
            {
                var actual = ProcessCgroups.GroupOf(pid, group.Version, "cpu");
                Assert.True(actual is { Length: > 1 } && group.CpuDirectory!.EndsWith(actual, StringComparison.Ordinal), $"process {pid} is in cpu group '{actual}', not {group.CpuDirectory}");
            }

            Assert.Equal("3000/10000", ProcessCgroups.Quota(group));
        }
        finally
        {
            await TopologyLifecycle.DownAsync(_folders.State, CancellationToken.None);
        }

        Assert.All(topology.Emulation!.Nodes.SelectMany(n => n.Cgroup!.Directories), d => Assert.False(Directory.Exists(d), d + " was left behind"));
    }

    private Task<TopologyDescriptor> UpAsync(TopologyRequest request) =>
        TopologyLifecycle.UpAsync(new LocalTopologyProvider(TimeProvider.System, _folders.DataParent), request, _folders.State, Token);

    /// <summary>
    /// Runs a CPU-bound query on <paramref name="node"/> for <see cref="Busy"/> (a statement timeout
    /// ends it) and returns the CPU time its group used divided by the wall time: the cores it got.
    /// </summary>
    private static async Task<double> CoresUsedAsync(TopologyDescriptor topology, string node)
    {
        var meter = NodeCpuMeter.For(topology, node) ?? throw new InvalidOperationException($"{node} has no CPU meter");
        await using var connection = new NpgsqlConnection(topology.FindNode(node)!.ConnectionString);
        await connection.OpenAsync(Token);
        await using (var timeout = new NpgsqlCommand($"SET statement_timeout = {(int)Busy.TotalMilliseconds}", connection))
        {
            await timeout.ExecuteNonQueryAsync(Token);
        }

        var before = meter.ReadUsageMicroseconds();
        var wall = Stopwatch.StartNew();
        // In the select list (ProjectSet), generate_series streams: in FROM it would fill a tuplestore and spill to disk.
        await using var busy = new NpgsqlCommand("SELECT count(*) FROM (SELECT generate_series(1, 1000000000)) AS numbers", connection) { CommandTimeout = 30 };
        var ex = await Assert.ThrowsAsync<PostgresException>(() => busy.ExecuteScalarAsync(Token));
        var used = meter.ReadUsageMicroseconds() - before;
        var elapsed = wall.Elapsed;

        Assert.Equal(PostgresErrorCodes.QueryCanceled, ex.SqlState);
        return used / (elapsed.TotalMilliseconds * 1000);
    }
}
