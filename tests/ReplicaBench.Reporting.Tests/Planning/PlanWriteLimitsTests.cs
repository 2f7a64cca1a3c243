using System.Text.Json.Nodes;

namespace ReplicaBench.Reporting.Tests.Planning;

/// <summary>
/// plan with a limits run beside the load run, by known answer. Without it, run-full's answer to
/// 2,300 reads/s and 200 writes/s is 2 replicas with round-robin (PlanCommandTests). A limits run in
/// which replica1 (0.2 CPU) keeps up to ~200 writes/s leaves 160/s with the 20% headroom, under the
/// target's 200: no topology with replicas may then be recommended, whatever its read capacity.
/// </summary>
public sealed class PlanWriteLimitsTests
{
    private static readonly string[] Target = ["--target-reads", "2300", "--target-writes", "200", "--p99", "2ms", "--max-staleness", "150ms"];

    [Fact]
    public async Task A_replica_that_keeps_up_to_200_writes_rules_out_replicas_for_200_writes_with_headroom()
    {
        using var load = TempRunFolder.CopyOf("run-full");
        using var limits = LimitsRun([100, 200, 400], ("replica1", [false, false, true]), ("replica2", [false, false, false]));

        var result = await CliRun.RunAsync(["plan", load.Path, limits.Path, .. Target]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(
            "No topology meets the target: 200 writes/s is more than the replicas can replay (replicas cannot keep up with the writes: replica1 (0.2 CPU) of limits run limits-1 keeps up to ~200 writes/s (160/s with headroom) and fell behind above it: the target's 200 writes/s would leave it further behind every second)",
            result.Stdout,
            StringComparison.Ordinal);
        // The reasoning names it on every cell with replicas, and the cells of the limits run are not judged.
        Assert.Contains("2 replicas, round-robin: reads", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("→ replicas cannot keep up with the writes: replica1 (0.2 CPU)", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[run ", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replicas_that_keep_up_well_above_the_target_leave_the_answer_as_it_was_and_are_stated()
    {
        using var load = TempRunFolder.CopyOf("run-full");
        using var limits = LimitsRun([400, 1200, 1600], ("replica1", [false, false, true]), ("replica2", [false, false, false]));

        var result = await CliRun.RunAsync(["plan", load.Path, limits.Path, .. Target]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("2 replicas with round-robin meet the target (the smallest measured topology that does)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(
            "Replay capacity: a topology with replicas is recommended only if every replica the limits runs measured keeps up with the target's writes with the headroom " +
            "(replica1 (0.2 CPU) of limits run limits-1 keeps up to ~1,200 writes/s; replica2 (0.2 CPU) of limits run limits-1 kept up at every step, up to 1,600 writes/s)",
            result.Stdout,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replica_that_kept_up_at_every_step_below_the_target_is_not_known_to_keep_up()
    {
        using var load = TempRunFolder.CopyOf("run-full");
        using var limits = LimitsRun([80, 160, 240], ("replica1", [false, false, false]));

        var result = await CliRun.RunAsync(["plan", load.Path, limits.Path, .. Target]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            "replica1 (0.2 CPU) of limits run limits-1 kept up at every step, up to 240 writes/s, 192/s with headroom: below the target's 200 writes/s, so it is not known to keep up (measure higher --write-rates)",
            result.Stdout,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_limits_run_the_plan_says_replay_was_not_checked()
    {
        using var load = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync(["plan", load.Path, .. Target]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No limits run was given, so whether a replica's replay keeps up with 200 writes/s for longer than a load cell is not checked", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limits_run_alone_is_one_line_and_exit_2()
    {
        using var limits = LimitsRun([400, 1200, 1600], ("replica1", [false, false, true]));

        var result = await CliRun.RunAsync(["plan", limits.Path, .. Target]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"replicabench: '{limits.Path}' is a limits run: plan needs a load run too (the limits are checked against its topologies); add a load run folder.", result.Stderr.TrimEnd());
    }

    /// <summary>
    /// A limits run of <paramref name="rates"/> on replicas emulated at 0.2 CPU, each replica falling
    /// behind at the steps marked; its sustainable rate is the limits run's rule: the highest step
    /// before the first one it fell behind at (null when that is the first).
    /// </summary>
    private static TempRunFolder LimitsRun(double[] rates, params (string Replica, bool[] FellBehind)[] replicas)
    {
        var run = TempRunFolder.CopyOf("run-full");
        run.EditResults(root =>
        {
            root["run"]!["id"] = "limits-1";
            root["run"]!["emulation"] = JsonNode.Parse("""{ "nodeCpus": "primary=0.6,replicas=0.2", "nodeMemory": null }""");
            var steps = new JsonArray();
            for (var i = 0; i < rates.Length; i++)
            {
                var lags = new JsonObject();
                foreach (var (replica, fellBehind) in replicas)
                {
                    lags[replica] = new JsonObject { ["samples"] = 9, ["lagMeanMs"] = 5, ["lagP99Ms"] = 9, ["lagSlopeMsPerSecond"] = fellBehind[i] ? 200 : 0.1, ["fallingBehind"] = fellBehind[i] };
                }

                steps.Add(new JsonObject { ["cell"] = $"w{rates[i]}-r2-round-robin", ["rate"] = rates[i], ["achievedRate"] = rates[i], ["replicas"] = lags, ["nodes"] = new JsonObject() });
            }

            var sustainable = new JsonObject();
            foreach (var (replica, fellBehind) in replicas)
            {
                var keptUp = rates.TakeWhile((_, i) => !fellBehind[i]).ToArray();
                sustainable[replica] = keptUp.Length == 0 ? null : keptUp[^1];
            }

            root["limits"] = new JsonObject { ["steps"] = steps, ["sustainableWriteRate"] = sustainable, ["test"] = "fixture" };
        });
        return run;
    }
}
