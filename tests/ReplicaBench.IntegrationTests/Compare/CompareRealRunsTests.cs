using System.Globalization;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.IntegrationTests.Workload;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Compare;

/// <summary>
/// 'replicabench compare' on real load runs whose truth is known: two identical runs (no
/// regression) and the same primary before and after a cgroup throttled it to a quarter of a CPU
/// (a regression). Each run is a child 'replicabench load', as a user runs it.
/// </summary>
public sealed class CompareRealRunsTests(SharedTopologyFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rb-it-compare-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Two_identical_runs_on_the_shared_topology_are_not_a_regression_and_exit_0()
    {
        _ = fixture.Topology;
        var baseline = await LoadAsync("baseline", fixture.StateDirectory, "3s", WorkloadDatabase.SharedRows);
        var candidate = await LoadAsync("candidate", fixture.StateDirectory, "3s", WorkloadDatabase.SharedRows);

        var (code, stdout, stderr) = await CompareAsync(baseline, candidate);

        Assert.True(code == ExitCodes.Success, $"exit {code}; stderr: {stderr}; stdout: {stdout}");
        Assert.Contains("**No regression.**", stdout, StringComparison.Ordinal);
        // The real engine's histogram log is what the percentiles were judged on.
        Assert.Matches(@"\| r2-primary-only \| p99 \| [^\n]+ \| block bootstrap of \d \+ \d per-second histograms \(latency\.hlog\)", stdout);
    }

    [Fact]
    public async Task The_same_primary_throttled_to_a_quarter_of_a_CPU_is_a_regression_and_exits_1()
    {
        PostgresRequirement.Ensure();
        CpuQuotaCgroup.Ensure();
        var state = new TopologyStateDirectory(Path.Combine(_root, "state"));
        var topology = await TopologyLifecycle.UpAsync(new LocalTopologyProvider(), new TopologyRequest(0), state, Token);
        try
        {
            var baseline = await LoadAsync("baseline", state, "5s", 1_000);
            string candidate;
            var name = "replicabench-test-" + Guid.NewGuid().ToString("N")[..8];
            using (var quarter = CpuQuotaCgroup.Create(name, quotaMicroseconds: 25_000, periodMicroseconds: 100_000))
            {
                var moved = quarter.MoveProcessTree(Postmaster(topology));
                Assert.True(moved >= 5, $"only {moved} process(es) of the primary moved (postmaster, checkpointer, writer, walwriter, launcher...)");
                var throttledBefore = quarter.ThrottledPeriods();
                candidate = await LoadAsync("candidate", state, "5s", 1_000);

                // The run's backends are gone once its process exits; the kernel's own count of
                // periods in which the group hit its quota proves they ran, and were held, inside it.
                Assert.True(quarter.ThrottledPeriods() > throttledBefore, "the run's backends must have run inside the group and hit its quota");
            }

            Assert.False(Directory.Exists(Path.Combine(CpuQuotaCgroup.Root, name)), "the cgroup must be gone");
            var (code, stdout, stderr) = await CompareAsync(baseline, candidate);

            Assert.True(code == ExitCodes.Failure, $"exit {code}; stderr: {stderr}; stdout: {stdout}");
            Assert.StartsWith("replicabench: regression: ", stderr, StringComparison.Ordinal);
            Assert.Contains(" in r0-primary-only", stderr, StringComparison.Ordinal);
        }
        finally
        {
            await TopologyLifecycle.DownAsync(state, CancellationToken.None);
        }
    }

    private static int Postmaster(TopologyDescriptor topology)
    {
        var dataDirectory = Path.Combine(topology.Local!.DataRoot, "primary");
        return int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
    }

    private async Task<string> LoadAsync(string name, TopologyStateDirectory state, string duration, long seedRows)
    {
        var output = Path.Combine(_root, name);
        var (code, stdout, stderr) = await CliProcess.RunAsync(
        [
            "load", "--scenario", "point-read", "--policy", "primary-only", "--vus", "8", "--duration", duration, "--warmup", "1s",
            "--seed-rows", seedRows.ToString(CultureInfo.InvariantCulture), "--state-dir", state.Path, "--out", output,
        ]);
        Assert.True(code == ExitCodes.Success, $"load {name}: exit {code}; stdout: {stdout}; stderr: {stderr}");
        return output;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> CompareAsync(string baseline, string candidate)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ReplicaBenchCli.RunAsync(["compare", baseline, candidate], stdout, stderr);
        TestContext.Current.TestOutputHelper?.WriteLine(stdout.ToString());
        return (code, stdout.ToString(), stderr.ToString());
    }
}
