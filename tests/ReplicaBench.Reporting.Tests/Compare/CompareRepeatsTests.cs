using System.Text.Json.Nodes;
using ReplicaBench.Reporting.Compare;

namespace ReplicaBench.Reporting.Tests.Compare;

/// <summary>
/// Runs made with <c>load --repeat N</c> hold cells <c>id</c>, <c>id#2</c>, … : compare judges them
/// together by a t-interval over the repeats' log values, so the between-run variance is measured
/// instead of assumed.
/// </summary>
public sealed class CompareRepeatsTests
{
    [Fact]
    public void Repeats_are_judged_by_a_pooled_t_interval_over_their_log_values()
    {
        // log p50: baseline 0, 0.1, −0.1 and candidate 0.5, 0.6, 0.4 → pooled sd 0.1, difference 0.5,
        // SE 0.1·√(2/3) = 0.08165, t(4) = 2.776445: log interval 0.5 ± 0.22670.
        using var baseline = SyntheticRun.Create(Repeats([1, Math.Exp(0.1), Math.Exp(-0.1)]));
        using var candidate = SyntheticRun.Create(Repeats([Math.Exp(0.5), Math.Exp(0.6), Math.Exp(0.4)]));

        var p50 = Comparisons.Change(Comparisons.Of(baseline, candidate), "p50");

        Assert.Equal("t-interval over 3 + 3 repeats (df 4), per-run sd 10% (the repeats' scatter)", p50.Method);
        Assert.Equal(1.0, p50.Baseline, 9);
        Assert.Equal(Math.Exp(0.5), p50.Candidate, 9);
        Assert.Equal(Math.Exp(0.5 - 0.226695) - 1, p50.Interval!.Low, 4);
        Assert.Equal(Math.Exp(0.5 + 0.226695) - 1, p50.Interval.High, 4);
        Assert.Equal(ChangeVerdict.Regression, p50.Verdict);
    }

    [Fact]
    public void Ten_repeats_that_agree_make_a_15_percent_slowdown_a_regression_that_single_runs_cannot_call()
    {
        // Their scatter (2%) is below the floor, so the floor's 9% per run holds: SE 0.09·√(2/10) = 0.040,
        // t(18) = 2.101, log interval 0.140 ± 0.085 — clear of zero. One run each: ± 0.25.
        double[] agreeing = [1.00, 1.02, 0.98, 1.01, 0.99, 1.00, 1.02, 0.98, 1.01, 0.99];
        using var baseline = SyntheticRun.Create(Repeats(agreeing));
        using var candidate = SyntheticRun.Create(Repeats([.. agreeing.Select(v => v * 1.15)]));
        using var singleBaseline = SyntheticRun.Create(Repeats([1.00]));
        using var singleCandidate = SyntheticRun.Create(Repeats([1.15]));

        var repeated = Comparisons.Change(Comparisons.Of(baseline, candidate), "p50");
        Assert.Equal("t-interval over 10 + 10 repeats (df 18), per-run sd 9% (floor)", repeated.Method);
        Assert.Equal(Math.Exp(Math.Log(1.15) - (2.100922 * 0.09 * Math.Sqrt(0.2))) - 1, repeated.Interval!.Low, 4);
        Assert.Equal(ChangeVerdict.Regression, repeated.Verdict);
        var single = Comparisons.Change(Comparisons.Of(singleBaseline, singleCandidate), "p50");
        Assert.Equal(ChangeVerdict.Unchanged, single.Verdict);
        Assert.Contains("between-run sd 9% (floor)", single.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeats_that_scatter_widely_keep_a_15_percent_slowdown_unchanged()
    {
        using var baseline = SyntheticRun.Create(Repeats([0.80, 1.00, 1.25]));
        using var candidate = SyntheticRun.Create(Repeats([0.92, 1.15, 1.44]));

        var p50 = Comparisons.Change(Comparisons.Of(baseline, candidate), "p50");

        Assert.Equal(0.15, p50.RelativeChange, 2);
        Assert.Equal(ChangeVerdict.Unchanged, p50.Verdict);
    }

    [Fact]
    public void A_repeated_baseline_is_matched_with_a_single_candidate_by_the_id_before_the_hash()
    {
        using var baseline = SyntheticRun.Create(Repeats([1.00, 1.02, 0.98]));
        using var candidate = SyntheticRun.Create(Repeats([1.01]));

        var result = Comparisons.Of(baseline, candidate);

        Assert.Empty(result.OnlyInBaseline);
        Assert.Empty(result.OnlyInCandidate);
        Assert.All(result.Changes, c => Assert.Equal("r0-primary-only", c.Cell));
        Assert.StartsWith("t-interval over 3 + 1 repeats (df 2)", Comparisons.Change(result, "p50").Method, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30_000, 0.16003, ChangeVerdict.Unchanged)]
    [InlineData(3_000_000, 0.05, ChangeVerdict.Regression)]
    public void A_p999_on_few_tail_samples_needs_a_larger_change_than_the_threshold(long operations, double needs, ChangeVerdict verdict)
    {
        // Ten tight repeats, +12%: beyond the noise, and beyond 5%. But 10 × 30,000 operations leave 300 tail
        // samples per run behind a p99.9: it needs 1.96·√(2/300) = 16%. With 3·10⁶ per repeat it is 1.6%.
        double[] tight = [5.00, 5.05, 4.95, 5.02, 4.98, 5.00, 5.05, 4.95, 5.02, 4.98];
        using var baseline = SyntheticRun.Create(Repeats(tight, "p999", operations));
        using var candidate = SyntheticRun.Create(Repeats([.. tight.Select(v => v * 1.12)], "p999", operations));

        var p999 = Comparisons.Change(Comparisons.Of(baseline, candidate), "p99.9");

        Assert.Equal(0.12, p999.RelativeChange, 3);
        Assert.True(p999.Interval!.Low > 0, $"interval {p999.Interval}");
        Assert.Equal(needs, p999.RequiredChange, 5);
        Assert.Equal(verdict, p999.Verdict);
    }

    [Fact]
    public void Rates_of_repeats_are_judged_on_their_summed_counts()
    {
        // 3 repeats of 1, 2, 0 stale reads vs 2, 1, 2 per 100,000: 3 vs 5 events in equal exposure.
        using var baseline = SyntheticRun.Create(Repeats([1, 1, 1], stale: [1, 2, 0]));
        using var candidate = SyntheticRun.Create(Repeats([1, 1, 1], stale: [2, 1, 2]));

        var stale = Comparisons.Change(Comparisons.Of(baseline, candidate), "stale-read rate");

        // The exact interval of 5 of 8 events, widened by e^(1.96·√(2·3·0.09²/3²)) = 1.1549.
        Assert.Contains("exact Poisson rate ratio of 3 vs 5 events", stale.Method, StringComparison.Ordinal);
        Assert.Equal((0.2448632 / 0.7551368 / 1.15493) - 1, stale.Interval!.Low, 3);
        Assert.Equal(ChangeVerdict.Unchanged, stale.Verdict);
    }

    private static SyntheticCell[] Repeats(double[] p50, long[]? stale = null) => Repeats(p50, "p50", 100_000, stale);

    private static SyntheticCell[] Repeats(double[] values, string percentile, long operations, long[]? stale = null) =>
    [
        .. values.Select((value, i) => new SyntheticCell(i == 0 ? "r0-primary-only" : $"r0-primary-only#{i + 1}", [])
        {
            WithLog = false,
            Edit = cell =>
            {
                cell["operations"] = operations;
                cell["throughput"] = 10_000.0;
                cell["latencyMs"] = new JsonObject { [percentile] = value };
                if (stale is not null)
                {
                    cell["staleReads"] = stale[i];
                    cell["staleChecked"] = 100_000;
                }
            },
        }),
    ];
}
