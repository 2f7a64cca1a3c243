using System.Text.Json.Nodes;

namespace ReplicaBench.Reporting.Tests.Planning;

public sealed class PlanCommandTests
{
    [Fact]
    public async Task Good_data_gives_the_smallest_topology_that_meets_the_target_with_reasoning_and_assumptions()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "2300", "--target-writes", "200", "--p99", "2ms", "--max-staleness", "150ms");

        Assert.Equal(0, result.ExitCode);
        // The worst staleness evidence of r2-round-robin is replica2's visibility p99 (113 ms), above its stale-read age p99 (98.2 ms).
        Assert.StartsWith("2 replicas with round-robin meet the target (the smallest measured topology that does); its reads were at most 113 ms stale (replica2 visibility p99 113 ms).", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Target: 2300 reads/s, 200 writes/s (92.0% reads / 8.0% writes)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 replica, round-robin: reads 2,642/s", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("every replica replays the primary's whole write load", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Headroom: 20.0%", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("shared the same CPUs", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tight_staleness_bound_rules_out_round_robin()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "2000", "--target-writes", "200", "--p99", "2ms", "--max-staleness", "50ms");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("1 replica with read-your-writes meets the target", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 replica, round-robin: reads 2,642/s, writes 294/s, mix 90.0% reads / 10.0% writes, p99 1.60 ms, staleness 98.2 ms at worst", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("→ stale-read age p99 98.2 ms > 50.0 ms", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_run_past_a_replica_300_ms_behind_fails_a_50_ms_bound_on_that_evidence()
    {
        // Measured: point-read, round-robin, replica2 with recovery_min_apply_delay 300 ms, no writes.
        using var run = TempRunFolder.CopyOf("run-read-only");

        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "10", "--target-writes", "0", "--p99", "1s", "--max-staleness", "50ms");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("No measured topology meets the target: the cells that have the capacity read data older than the 50.0 ms staleness bound (2 replicas, round-robin: replica2 visibility p99 301 ms)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("→ replica2 visibility p99 301 ms, replica2 server replay lag 293 ms (largest of 4 samples) > 50.0 ms", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_run_past_a_replica_300_ms_behind_meets_a_1_s_bound()
    {
        using var run = TempRunFolder.CopyOf("run-read-only");

        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "10", "--target-writes", "0", "--p99", "1s", "--max-staleness", "1s");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("2 replicas with round-robin meet the target (the smallest measured topology that does); its reads were at most 301 ms stale (replica2 visibility p99 301 ms).", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zero_stale_reads_in_a_run_without_writes_is_no_staleness_evidence()
    {
        using var run = TempRunFolder.CopyOf("run-read-only");
        run.EditResults(root => RemoveFromEveryCell(root, "lag", "visibility"));

        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "10", "--target-writes", "0", "--p99", "1s", "--max-staleness", "1s");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("No measured topology meets the target: the cells that have the capacity read from replicas with no staleness evidence", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("staleness no evidence (replica1 and replica2 served reads with no visibility probe, no server replay lag and no stale-read checks under writes)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_with_no_visibility_no_lag_and_no_stale_checks_has_no_staleness_evidence_and_no_replica_policy_is_recommended()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        run.EditResults(root => RemoveFromEveryCell(root, "staleReads", "staleAgeMs", "lag", "visibility"));

        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "2300", "--target-writes", "200", "--p99", "5ms", "--max-staleness", "1s");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(
            "No measured topology meets the target: the cells that have the capacity read from replicas with no staleness evidence (no visibility probe, no server replay lag, no stale-read checks under writes), so no replica policy is recommended under a 1,000 ms staleness bound;",
            result.Stdout,
            StringComparison.Ordinal);
        Assert.Contains("2 replicas, round-robin: reads 3,061/s, writes 340/s, mix 90.0% reads / 10.0% writes, p99 1.50 ms, staleness no evidence", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_mix_no_cell_ran_is_not_planned_for()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        // Every cell ran 90% reads; a read-only target is another load.
        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "1000", "--target-writes", "0", "--p99", "5ms", "--max-staleness", "1s");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("No measured topology meets the target: no cell ran the target's mix (100.0% reads / 0% writes; the cells ran 90.0% reads / 10.0% writes)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("mix 90.0% reads / 10.0% writes, not the target's 100.0% reads / 0% writes (±5 percentage points)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_beyond_the_largest_measured_topology_cannot_be_told()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "9000", "--target-writes", "200", "--p99", "5ms", "--max-staleness", "1s");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("No measured topology meets the target: 9,000 reads/s exceeds what the largest measured topology (2 replicas) carries with headroom (2,449/s); cannot tell from these runs", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Targets_no_cell_meets_exit_1_with_the_sentence_that_says_so()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        // Every cell has the capacity and the mix, but the lowest measured p99 is 1.50 ms.
        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "1000", "--target-writes", "100", "--p99", "1ms", "--max-staleness", "1s");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("No measured topology meets the target (see the reasoning per cell):", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("→ p99 1.50 ms > 1.00 ms", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_bound_exits_2()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync("plan", run.Path, "--target-reads", "2300", "--target-writes", "200", "--p99", "soon", "--max-staleness", "1s");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--p99", result.Stderr, StringComparison.Ordinal);
    }

    private static void RemoveFromEveryCell(JsonObject root, params string[] fields)
    {
        foreach (var cell in root["cells"]!.AsArray())
        {
            foreach (var field in fields)
            {
                cell!.AsObject().Remove(field);
            }
        }
    }
}
