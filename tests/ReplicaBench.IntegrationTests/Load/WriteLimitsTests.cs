using System.Globalization;
using System.Text.Json;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Emulation;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>
/// <c>limits</c> by known answer: a replica held to 0.01 CPU replays the WAL of 1,000 updates a
/// second (its lag stays level) and falls behind at 3,000, while a replica with a whole CPU, like its
/// primary, keeps up at both. Measured here first: at 3,000 writes/s the small replica's lag grew by
/// about 640 ms every second. Brings up (and ends) its own emulated topology.
/// </summary>
public sealed class WriteLimitsTests : IDisposable
{
    private readonly OwnTopologyFolders _folders = new();
    private readonly string _output = Path.Combine(Directory.CreateTempSubdirectory("rb-it-limits-").FullName, "run");

    public WriteLimitsTests()
    {
        EmulationRequirement.Ensure();
    }

    public void Dispose()
    {
        _folders.Dispose();
        Directory.Delete(Path.GetDirectoryName(_output)!, recursive: true);
    }

    [Fact]
    public async Task A_replica_with_a_hundredth_of_a_cpu_sustains_fewer_writes_than_one_sized_like_its_primary()
    {
        // --node-cpus sizes replicas by role, so replica2 is given its whole CPU in its own cgroup here
        // (topology.json still says 0.01 for it; nothing below reads its quota from there).
        await TopologyLifecycle.UpAsync(
            new LocalTopologyProvider(TimeProvider.System, _folders.DataParent),
            new TopologyRequest(2, budget: NodeBudget.Parse("primary=1,replicas=0.01", null)),
            _folders.State,
            TestContext.Current.CancellationToken);
        int code;
        string stdout, stderr;
        try
        {
            GiveWholeCpu("replica2");
            (code, stdout, stderr) = await CliProcess.RunAsync(
            [
                "limits", "--replicas", "2", "--write-rates", "1000,3000", "--step", "6s", "--warmup", "2s",
                "--seed-rows", "10000", "--state-dir", _folders.State.Path, "--out", _output,
            ]);
        }
        finally
        {
            await TopologyLifecycle.DownAsync(_folders.State, CancellationToken.None);
        }

        Assert.True(code == ExitCodes.Success, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        using var results = ResultsJson.Read(_output);
        var limits = results.RootElement.GetProperty("limits");
        TestContext.Current.TestOutputHelper?.WriteLine(limits.ToString());
        var sustainable = limits.GetProperty("sustainableWriteRate");
        Assert.Equal(1000, sustainable.GetProperty("replica1").GetDouble());
        Assert.Equal(3000, sustainable.GetProperty("replica2").GetDouble());

        var top = limits.GetProperty("steps")[1];
        var small = top.GetProperty("replicas").GetProperty("replica1");
        Assert.True(small.GetProperty("fallingBehind").GetBoolean());
        // Above its limit the small replica's lag grows by hundreds of ms a second (640 measured);
        // 100 ms/s is well clear of noise and of the test's own 10 ms/s threshold.
        Assert.True(
            small.GetProperty("lagSlopeMsPerSecond").GetDouble() > 100,
            string.Create(CultureInfo.InvariantCulture, $"replica1's lag slope at 3000 writes/s: {small.GetProperty("lagSlopeMsPerSecond").GetDouble()} ms/s"));
        Assert.False(top.GetProperty("replicas").GetProperty("replica2").GetProperty("fallingBehind").GetBoolean());
        // The generator delivered the rates (within 5%), so the knee is the replica's, not the load's.
        Assert.InRange(top.GetProperty("achievedRate").GetDouble(), 2850, 3150);
        Assert.True(top.GetProperty("walBytesPerSecond").GetDouble() > limits.GetProperty("steps")[0].GetProperty("walBytesPerSecond").GetDouble());
    }

    private void GiveWholeCpu(string node)
    {
        using var topology = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folders.State.Path, "topology.json")));
        var cgroup = topology.RootElement.GetProperty("emulation").GetProperty("nodes").EnumerateArray()
            .Single(n => n.GetProperty("node").GetString() == node)
            .GetProperty("cgroup");
        var directory = cgroup.GetProperty("cpuDirectory").GetString()!;
        if (cgroup.GetProperty("version").GetString() == "v2")
        {
            File.WriteAllText(Path.Combine(directory, "cpu.max"), "100000 100000");
            return;
        }

        var period = long.Parse(File.ReadAllText(Path.Combine(directory, "cpu.cfs_period_us")).Trim(), CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(directory, "cpu.cfs_quota_us"), period.ToString(CultureInfo.InvariantCulture));
    }
}
