using System.Globalization;
using System.Text.Json;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Emulation;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>
/// CPU accounting by known answer: replicas held to 0.3 CPU under more read load than they can serve
/// use 0.3 CPU each, all of their quota, and every CPU-per-operation figure is the CPU measured over
/// the window divided by that window's operations. Brings up (and ends) its own emulated topology.
/// </summary>
public sealed class EmulatedNodeCpuTests : IDisposable
{
    private readonly OwnTopologyFolders _folders = new();
    private readonly string _output = Path.Combine(Directory.CreateTempSubdirectory("rb-it-cpu-").FullName, "run");

    public EmulatedNodeCpuTests()
    {
        EmulationRequirement.Ensure();
    }

    public void Dispose()
    {
        _folders.Dispose();
        Directory.Delete(Path.GetDirectoryName(_output)!, recursive: true);
    }

    [Fact]
    public async Task Saturated_replicas_use_their_whole_0_3_cpu_quota_and_cpu_per_operation_is_window_cpu_over_window_operations()
    {
        await TopologyLifecycle.UpAsync(
            new LocalTopologyProvider(TimeProvider.System, _folders.DataParent), new TopologyRequest(2, budget: NodeBudget.Parse("0.3", null)), _folders.State, TestContext.Current.CancellationToken);
        int code;
        string stdout, stderr;
        try
        {
            (code, stdout, stderr) = await CliProcess.RunAsync(
            [
                "load", "--scenario", "point-read", "--policy", "round-robin", "--vus", "12", "--duration", "3s", "--warmup", "2s",
                "--seed-rows", "1000", "--visibility-probe", "off", "--state-dir", _folders.State.Path, "--out", _output,
            ]);
        }
        finally
        {
            await TopologyLifecycle.DownAsync(_folders.State, CancellationToken.None);
        }

        Assert.True(code == ExitCodes.Success, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        using var results = ResultsJson.Read(_output);
        var cell = ResultsJson.CellsById(results)["r2-round-robin"];
        TestContext.Current.TestOutputHelper?.WriteLine(cell.GetProperty("generator").ToString());
        TestContext.Current.TestOutputHelper?.WriteLine(cell.GetProperty("nodes").ToString());

        var window = cell.GetProperty("durationSeconds").GetDouble();
        foreach (var replica in cell.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("role").GetString() == "replica"))
        {
            var name = replica.GetProperty("name").GetString();
            Assert.Equal(0.3, replica.GetProperty("cpuQuotaCores").GetDouble());
            // The known answer: held at its quota, 0.3, the whole window. Tolerance: up to 10% over
            // (CFS lets a period's burst spill at the window's edges), 20% under (the quota is a
            // ceiling: on a 2-core machine that is busy elsewhere a node can get less).
            Assert.InRange(replica.GetProperty("cpuCoresUsed").GetDouble(), 0.24, 0.33);
            Assert.InRange(replica.GetProperty("quotaUsed").GetDouble(), 0.8, 1.1);
            // Its CPU over the window (to the drain, a few ms past durationSeconds) over its operations.
            var operations = replica.GetProperty("reads").GetInt64() + replica.GetProperty("writes").GetInt64();
            var expected = replica.GetProperty("cpuCoresUsed").GetDouble() * window * 1e6 / operations;
            Assert.True(
                Math.Abs(replica.GetProperty("cpuMicrosPerOperation").GetDouble() - expected) <= 0.03 * expected,
                string.Create(CultureInfo.InvariantCulture, $"{name}: {replica.GetProperty("cpuMicrosPerOperation").GetDouble()} µs/op, expected {expected:0.0} ± 3%"));
        }

        var generator = cell.GetProperty("generator");
        var completed = cell.GetProperty("operations").GetInt64() + cell.GetProperty("errors").GetInt64();
        var generatorExpected = generator.GetProperty("cpuSeconds").GetDouble() * 1e6 / completed;
        Assert.Equal(generatorExpected, generator.GetProperty("cpuMicrosPerOperation").GetDouble(), 0.01 * generatorExpected);
        Assert.Equal(Environment.ProcessorCount, generator.GetProperty("cores").GetInt32());
        Assert.Equal(Math.Max(0, Environment.ProcessorCount - 0.9), generator.GetProperty("coresLeft").GetDouble(), 1e-9);
        // From the topology: this run was given no --node-cpus of its own.
        Assert.Equal("0.3", results.RootElement.GetProperty("run").GetProperty("emulation").GetProperty("nodeCpus").GetString());
    }
}
