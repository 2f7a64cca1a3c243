using System.Text.Json.Nodes;

namespace ReplicaBench.Reporting.Tests.Planning;

/// <summary>
/// plan in CPU terms, by known answer: replicas that spent 50 µs of CPU per read on 0.3 CPU carry,
/// with 20% headroom, 0.3 × 0.8 / 50 µs = 4,800 reads/s each; so 20,000 reads/s need 5 of them,
/// and 1 replica of 2 CPU (32,000 reads/s).
/// </summary>
public sealed class CpuPlanTests
{
    [Fact]
    public async Task Beyond_the_largest_measured_topology_the_answer_is_replicas_of_the_measured_size_in_cpu_terms()
    {
        using var run = Emulated();

        // 20,000 reads and 2,200 writes a second: the 90/10 mix the cell ran.
        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "20000", "--target-writes", "2200", "--p99", "2ms", "--max-staleness", "150ms");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(
            "In CPU terms: 5 replicas of 0.3 CPU with round-robin carry 20,000 reads/s with 20.0% headroom (each 4,800 reads/s at 50 µs of CPU per read, measured on replica1 and replica2 in r2-round-robin). " +
            "The primary needs 0.22 CPU for 2,200 writes/s at 100 µs per operation: within 80.0% of its 0.3 CPU.",
            result.Stdout,
            StringComparison.Ordinal);
        Assert.Contains("a node's throughput scales with its CPU budget", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replicas_of_another_size_are_sized_from_the_cpu_per_read_measured()
    {
        using var run = Emulated();

        var result = await CliRun.RunAsync(
            "plan", run.Path, "--target-reads", "20000", "--target-writes", "2000", "--p99", "2ms", "--max-staleness", "150ms", "--replica-cpus", "2");

        // 2,000 writes/s at 100 µs need 0.2 CPU, within 80% of the primary's 0.3 (0.24); 3,000 need 0.3, beyond it.
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("In CPU terms: 1 replica of 2 CPU with round-robin carry 20,000 reads/s with 20.0% headroom (each 32,000 reads/s", result.Stdout, StringComparison.Ordinal);

        var primaryTooSmall = await CliRun.RunAsync(
            "plan", run.Path, "--target-reads", "20000", "--target-writes", "3000", "--p99", "2ms", "--max-staleness", "150ms", "--replica-cpus", "2");
        Assert.Equal(1, primaryTooSmall.ExitCode);
        Assert.Contains("The primary needs 0.3 CPU for 3,000 writes/s at 100 µs per operation: more than 80.0% of its 0.3 CPU.", primaryTooSmall.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_without_emulated_nodes_cannot_be_resized_and_says_so_in_one_line()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "20000", "--target-writes", "200", "--p99", "2ms", "--max-staleness", "150ms", "--replica-cpus", "2");

        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith("measure on emulated nodes (load --node-cpus) or drop --replica-cpus/--primary-cpus.", result.Stderr.Trim(), StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    /// <summary>run-full with the CPU of its 2-replica round-robin cell's emulated nodes set to known figures.</summary>
    private static TempRunFolder Emulated()
    {
        var run = TempRunFolder.CopyOf("run-full");
        run.EditResults(root =>
        {
            root["run"]!["emulation"] = JsonNode.Parse("""{ "nodeCpus": "0.3", "nodeMemory": null }""");
            var cell = root["cells"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "r2-round-robin")!;
            cell["nodes"] = JsonNode.Parse("""
                [ { "name": "primary", "role": "primary", "reads": 0, "writes": 10203, "errors": 0, "cpuQuotaCores": 0.3, "cpuCoresUsed": 0.034, "quotaUsed": 0.113, "cpuMicrosPerOperation": 100 },
                  { "name": "replica1", "role": "replica", "reads": 45000, "writes": 0, "errors": 0, "cpuQuotaCores": 0.3, "cpuCoresUsed": 0.075, "quotaUsed": 0.25, "cpuMicrosPerOperation": 40 },
                  { "name": "replica2", "role": "replica", "reads": 45000, "writes": 0, "errors": 0, "cpuQuotaCores": 0.3, "cpuCoresUsed": 0.09, "quotaUsed": 0.3, "cpuMicrosPerOperation": 60 } ]
                """);
        });
        return run;
    }
}
