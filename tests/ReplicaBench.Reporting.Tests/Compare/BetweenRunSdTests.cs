using System.Text.Json.Nodes;
using ReplicaBench.Reporting.Compare;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Tests.Compare;

/// <summary>
/// The between-run standard deviation a run is given: the 9% floor, or its own seconds' scatter
/// when larger — on a busy VM, identical runs land as far apart as their seconds scatter.
/// </summary>
public sealed class BetweenRunSdTests
{
    [Fact]
    public void A_run_with_steady_seconds_gets_the_floor()
    {
        Assert.Equal(0.09, BetweenRunSd.Of(Cell(throughput: [1000, 1010, 990, 1000], p50: [0.2, 0.2, 0.2, 0.2])));
    }

    [Fact]
    public void A_run_whose_throughput_alternates_between_1000_and_2000_gets_ln2_over_root_3()
    {
        // log values ±ln2/2 around their mean: variance 4·(ln2/2)²/3, sd ln2/√3 = 0.4002.
        Assert.Equal(Math.Log(2) / Math.Sqrt(3), BetweenRunSd.Of(Cell(throughput: [1000, 2000, 1000, 2000], p50: [0.2, 0.2, 0.2, 0.2])), 9);
    }

    [Fact]
    public void The_larger_of_throughput_and_p50_scatter_counts_and_seconds_without_operations_are_left_out()
    {
        // p50 0.1 and 0.4 ms: sd ln4/√2 = 0.980; the empty second (throughput 0, p50 0) measured nothing.
        Assert.Equal(Math.Log(4) / Math.Sqrt(2), BetweenRunSd.Of(Cell(throughput: [1000, 0, 1000], p50: [0.1, 0, 0.4])), 9);
    }

    [Fact]
    public void A_34_percent_p50_shift_between_runs_whose_seconds_scatter_by_40_percent_is_not_a_regression_but_between_steady_runs_it_is()
    {
        // As measured on the busy VM: identical runs moved p50 by +34% while their seconds scattered as much.
        using var noisyBaseline = SyntheticRun.Create(Fixed([1000, 2000, 1000, 2000], 0.10));
        using var noisyCandidate = SyntheticRun.Create(Fixed([2000, 1000, 2000, 1000], 0.134));
        using var steadyBaseline = SyntheticRun.Create(Fixed([1500, 1500, 1500, 1500], 0.10));
        using var steadyCandidate = SyntheticRun.Create(Fixed([1500, 1500, 1500, 1500], 0.134));

        var noisy = Comparisons.Change(Comparisons.Of(noisyBaseline, noisyCandidate), "p50");
        var steady = Comparisons.Change(Comparisons.Of(steadyBaseline, steadyCandidate), "p50");

        Assert.Equal(ChangeVerdict.Unchanged, noisy.Verdict);
        Assert.Contains("between-run sd 40% (per-second scatter)", noisy.Method, StringComparison.Ordinal);
        Assert.Equal(ChangeVerdict.Regression, steady.Verdict);
        Assert.Contains("between-run sd 9% (floor)", steady.Method, StringComparison.Ordinal);
    }

    private static CellResults Cell(double[] throughput, double[] p50) => new()
    {
        Id = "r0-primary-only",
        TimeSeries = [.. throughput.Select((t, i) => new CellSecond(i + 1, t, p50[i], p50[i] * 10, 0, 0))],
    };

    // A cell without a log whose per-second p50 is constant (the within-run bootstrap adds nothing).
    private static SyntheticCell Fixed(double[] throughput, double p50) =>
        new("r0-primary-only", [])
        {
            WithLog = false,
            Edit = cell =>
            {
                cell["operations"] = 1_000_000;
                cell["throughput"] = throughput.Average();
                cell["latencyMs"] = new JsonObject { ["p50"] = p50 };
                cell["timeSeries"] = new JsonArray([.. throughput.Select((t, i) => (JsonNode)new JsonObject
                {
                    ["t"] = i + 1.0, ["throughput"] = t, ["p50Ms"] = p50, ["p99Ms"] = p50 * 10, ["errors"] = 0, ["staleReads"] = 0,
                })]);
            },
        };
}
