using ReplicaBench.Reporting.Compare;

namespace ReplicaBench.Reporting.Tests.Compare;

/// <summary>
/// Compare's noise model on runs whose truth is known: drawn from one distribution (no change),
/// with the tail doubled (a p99 regression), with rare events 3 vs 5 (chance), with the spread
/// three identical runs showed on the development VM (no change).
/// </summary>
public sealed class CompareNoiseModelTests
{
    private const string Cell = "r0-primary-only";

    [Fact]
    public async Task Two_runs_drawn_from_the_same_distribution_are_unchanged_in_every_metric_and_exit_0()
    {
        using var baseline = SyntheticRun.Create(new SyntheticCell(Cell, new SyntheticLatency(Seed: 1).Draw()));
        using var candidate = SyntheticRun.Create(new SyntheticCell(Cell, new SyntheticLatency(Seed: 2).Draw()));

        var result = Comparisons.Of(baseline, candidate);
        var cli = await CliRun.RunAsync("compare", baseline.Path, candidate.Path);

        Assert.All(result.Changes, c => Assert.Equal(ChangeVerdict.Unchanged, c.Verdict));
        Assert.All(result.Changes.Where(c => c.Metric.StartsWith('p')), c =>
        {
            Assert.Contains("block bootstrap of 30 + 30 per-second histograms (latency.hlog)", c.Method, StringComparison.Ordinal);
            Assert.True(c.Interval!.Low < 0 && c.Interval.High > 0, $"{c.Metric}: {c.Interval}");
        });
        Assert.Equal(0, cli.ExitCode);
    }

    [Fact]
    public async Task Doubling_every_latency_in_the_tail_is_a_p99_and_p999_regression_that_leaves_p50_and_throughput_alone()
    {
        using var baseline = SyntheticRun.Create(new SyntheticCell(Cell, new SyntheticLatency(Seed: 1).Draw()));
        using var candidate = SyntheticRun.Create(new SyntheticCell(Cell, new SyntheticLatency(Seed: 1) { Transform = SyntheticLatency.DoubleTheTail }.Draw()));

        var result = Comparisons.Of(baseline, candidate);
        var cli = await CliRun.RunAsync("compare", baseline.Path, candidate.Path);

        // The same draws with the tail doubled: p99 and p99.9 double (to the histogram's 0.1%), p50 is untouched.
        Assert.Equal(1.0, Comparisons.Change(result, "p99").RelativeChange, 2);
        Assert.Equal(ChangeVerdict.Regression, Comparisons.Change(result, "p99").Verdict);
        Assert.Equal(1.0, Comparisons.Change(result, "p99.9").RelativeChange, 2);
        Assert.Equal(ChangeVerdict.Regression, Comparisons.Change(result, "p99.9").Verdict);
        Assert.Equal(0, Comparisons.Change(result, "p50").RelativeChange, 3);
        Assert.Equal(ChangeVerdict.Unchanged, Comparisons.Change(result, "p50").Verdict);
        Assert.Equal(ChangeVerdict.Unchanged, Comparisons.Change(result, "throughput").Verdict);
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("p99 in r0-primary-only, p99.9 in r0-primary-only", cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stale_reads_3_vs_5_of_100000_are_chance_not_a_regression()
    {
        using var baseline = SyntheticRun.Create(Stale(3));
        using var candidate = SyntheticRun.Create(Stale(5));

        var stale = Comparisons.Change(Comparisons.Of(baseline, candidate), "stale-read rate");
        var cli = await CliRun.RunAsync("compare", baseline.Path, candidate.Path);

        // Exact rate ratio 0.3243 … 10.73 (5 of 8 events), widened by the floor e^(1.96·0.09·√2) = 1.2834.
        Assert.Equal(0.67, stale.RelativeChange, 2);
        Assert.Equal((0.2448632 / 0.7551368 / 1.28336) - 1, stale.Interval!.Low, 3);
        Assert.Equal((0.9147666 / 0.0852334 * 1.28336) - 1, stale.Interval.High, 1);
        Assert.Equal(ChangeVerdict.Unchanged, stale.Verdict);
        Assert.Contains("exact Poisson rate ratio of 3 vs 5 events", stale.Method, StringComparison.Ordinal);
        Assert.Equal(0, cli.ExitCode);
    }

    [Fact]
    public void Stale_reads_0_vs_50_of_100000_are_a_regression()
    {
        using var baseline = SyntheticRun.Create(Stale(0));
        using var candidate = SyntheticRun.Create(Stale(50));

        var stale = Comparisons.Change(Comparisons.Of(baseline, candidate), "stale-read rate");

        // 50 of 50 events in the candidate: p ≥ 0.025^(1/50), so the ratio is at least 13.1, 10.2 after the floor.
        var p = Math.Pow(0.025, 1.0 / 50);
        Assert.Equal((p / (1 - p) / 1.28336) - 1, stale.Interval!.Low, 2);
        Assert.Equal(double.PositiveInfinity, stale.Interval.High);
        Assert.Equal(ChangeVerdict.Regression, stale.Verdict);
    }

    [Theory]
    [InlineData(0.197, 6.61, 0.170, 7.76)]
    [InlineData(0.185, 7.68, 0.170, 6.61)]
    [InlineData(0.197, 7.76, 0.185, 7.68)]
    public void The_spread_of_three_identical_runs_on_the_development_VM_is_not_a_change(double p50, double p999, double otherP50, double otherP999)
    {
        // Measured: three identical 8 s runs, primary-only, 8 users (the old compare called +17% on
        // p99.9 a regression and −14% on p50 an improvement). No log and no series: the floor alone.
        using var baseline = SyntheticRun.Create(Measured(p50, p999));
        using var candidate = SyntheticRun.Create(Measured(otherP50, otherP999));

        var result = Comparisons.Of(baseline, candidate);

        foreach (var (metric, b, c) in new[] { ("p50", p50, otherP50), ("p99.9", p999, otherP999) })
        {
            var change = Comparisons.Change(result, metric);
            Assert.Equal(ChangeVerdict.Unchanged, change.Verdict);
            // Floor only: log(c/b) ± 1.96·√2·0.09 = ± 0.2495, to the Monte Carlo error of 2,000 replicates.
            Assert.Equal(Math.Log(c / b) - 0.2495, Math.Log(1 + change.Interval!.Low), 1);
            Assert.Equal(Math.Log(c / b) + 0.2495, Math.Log(1 + change.Interval.High), 1);
            Assert.Equal("between-run sd 9% (floor) only (no per-interval data)", change.Method);
        }
    }

    [Fact]
    public void Seconds_without_operations_are_left_out_of_the_per_second_percentiles()
    {
        var seconds = new SyntheticLatency(Seed: 1).Draw();
        var withGaps = seconds.Concat(Enumerable.Range(0, 10).Select(_ => SyntheticLatency.NewHistogram())).ToArray();
        using var baseline = SyntheticRun.Create(new SyntheticCell(Cell, seconds) { WithLog = false });
        using var candidate = SyntheticRun.Create(new SyntheticCell(Cell, withGaps) { WithLog = false });

        var p50 = Comparisons.Change(Comparisons.Of(baseline, candidate), "p50");

        // The ten empty seconds (p50Ms written as 0) measured nothing: 30 seconds each, not 30 + 40 with zeros.
        Assert.Contains("block bootstrap of 30 + 30 per-second p50 values (no latency.hlog)", p50.Method, StringComparison.Ordinal);
        Assert.Equal(0, p50.RelativeChange, 6);
        Assert.Equal(ChangeVerdict.Unchanged, p50.Verdict);
    }

    [Fact]
    public void The_same_comparison_gives_the_same_intervals_every_time()
    {
        using var baseline = SyntheticRun.Create(new SyntheticCell(Cell, new SyntheticLatency(Seed: 1).Draw()));
        using var candidate = SyntheticRun.Create(new SyntheticCell(Cell, new SyntheticLatency(Seed: 2).Draw()));

        Assert.Equal(Comparisons.Of(baseline, candidate).Changes, Comparisons.Of(baseline, candidate).Changes);
    }

    [Fact]
    public async Task A_histogram_log_that_cannot_be_read_exits_2_naming_the_file()
    {
        using var baseline = SyntheticRun.Create(new SyntheticCell(Cell, new SyntheticLatency(Seed: 1).Draw()));
        using var candidate = SyntheticRun.Create(new SyntheticCell(Cell, new SyntheticLatency(Seed: 2).Draw()));
        var log = Path.Combine(candidate.Path, "cells", Cell, "latency.hlog");
        File.AppendAllText(log, "Tag=measurement/latency/point-read@primary,40.000,1.000,0.500,not-a-histogram\n");

        var cli = await CliRun.RunAsync("compare", baseline.Path, candidate.Path);

        Assert.Equal(2, cli.ExitCode);
        Assert.Contains($"histogram log '{log}' cannot be read", cli.Stderr, StringComparison.Ordinal);
        Assert.Single(cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static SyntheticCell Stale(long staleReads) =>
        new(Cell, new SyntheticLatency(Seed: 1, Seconds: 5).Draw())
        {
            WithLog = false,
            Edit = cell =>
            {
                cell["staleReads"] = staleReads;
                cell["staleChecked"] = 100_000;
                cell["staleReadRate"] = staleReads / 100_000.0;
            },
        };

    private static SyntheticCell Measured(double p50, double p999) =>
        new(Cell, [])
        {
            WithLog = false,
            Edit = cell =>
            {
                cell["operations"] = 320_000;
                cell["throughput"] = 40_000.0;
                cell["latencyMs"] = new System.Text.Json.Nodes.JsonObject { ["p50"] = p50, ["p999"] = p999 };
            },
        };
}
