using ReplicaBench.Reporting.Tests.Report;

namespace ReplicaBench.Reporting.Tests.Planning;

/// <summary>
/// plan states the conflict risk for long reads on replicas: what a long-reads run measured (a
/// hot_standby_feedback off/on pair with 12 snapshot cancellations off and none on, 4,000 more dead
/// tuples on), or that it was not measured and how to measure it.
/// </summary>
public sealed class PlanLongReadRiskTests
{
    private static readonly string[] Target = ["--target-reads", "2300", "--target-writes", "200", "--p99", "2ms", "--max-staleness", "150ms"];

    [Fact]
    public async Task Without_long_reads_the_risk_is_stated_as_not_measured_with_the_command_that_measures_it()
    {
        using var load = TempRunFolder.CopyOf("run-full");

        var result = await CliRun.RunAsync(["plan", load.Path, .. Target]);

        Assert.Contains(
            "\nRisks:\n- Long reads on replicas: not measured by these runs. With hot_standby_feedback off, a read on a replica that runs longer than max_standby_streaming_delay",
            result.Stdout.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        Assert.Contains("'replicabench load --scenario long-reads --long-read <your longest replica query> --hot-standby-feedback off,on'", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_measured_pair_is_stated_cell_by_cell_with_its_trade_off()
    {
        using var load = TempRunFolder.CopyOf("run-full");
        using var conflicts = TempRunFolder.CopyOf("run-full");
        conflicts.EditResults(root =>
        {
            root["run"]!["id"] = "conflicts-1";
            var cells = root["cells"]!.AsArray();
            ConflictReportTests.Pair(cells[1]!, "r1-round-robin-hsf-off", "off", """{ "snapshot": 12 }""", """{ "snapshot": 13 }""", 0, 925_696);
            ConflictReportTests.Pair(cells[2]!, "r1-round-robin-hsf-on", "on", "{}", "{}", 4_000, 2_183_168);
        });

        var result = await CliRun.RunAsync(["plan", load.Path, conflicts.Path, .. Target]);

        var stdout = result.Stdout.ReplaceLineEndings("\n");
        Assert.Contains("\n- Long reads on replicas, r1-round-robin-hsf-off [run conflicts-1] (2.00 s reads, hot_standby_feedback off): 12 reads were cancelled by recovery (12 snapshot); the replicas counted 13.\n", stdout, StringComparison.Ordinal);
        Assert.Contains("\n- Long reads on replicas, r1-round-robin-hsf-on [run conflicts-1] (2.00 s reads, hot_standby_feedback on): no read was cancelled; the replicas counted 0.\n", stdout, StringComparison.Ordinal);
        Assert.Contains("\n- Trade-off: r1-round-robin: hot_standby_feedback off: 12 long reads cancelled (snapshot); on: 0 cancelled, the primary kept 4,000 more dead tuples (+1.2 MB).\n", stdout, StringComparison.Ordinal);
        Assert.Contains("\n- Reads on replicas that run longer than max_standby_streaming_delay need hot_standby_feedback on (at the cost of bloat on the primary), or belong on the primary.\n", stdout, StringComparison.Ordinal);
    }
}
