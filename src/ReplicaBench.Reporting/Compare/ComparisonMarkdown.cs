using System.Globalization;
using System.Text;

namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// A comparison as Markdown for a pull request or a nightly job's log: the outcome first, then
/// every change with its 95% interval, the change it needed and the method that judged it, then
/// how the methods work.
/// </summary>
public static class ComparisonMarkdown
{
    public static string Render(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        md.Append("# ReplicaBench compare\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Baseline: {result.BaselineName} · Candidate: {result.CandidateName} · a regression is worse by more than the minimum change {Format.Percent(result.MinimumChange)} (a percentile on few tail samples needs more) and its 95% interval excludes no change\n\n");
        var regressions = result.Regressions;
        if (regressions.Count == 0)
        {
            md.Append("**No regression.**\n");
        }
        else
        {
            md.Append(CultureInfo.InvariantCulture, $"**{regressions.Count} regression(s):**\n\n");
            foreach (var r in regressions)
            {
                md.Append(CultureInfo.InvariantCulture, $"- {r.Metric} in {r.Cell}: {Value(r.Baseline, r.Unit)} → {Value(r.Candidate, r.Unit)} ({Change(r)}, 95% interval {Interval(r)}; {r.Method})\n");
            }
        }

        md.Append("\n| Cell | Metric | Baseline | Candidate | Change | 95% interval | Needs | Verdict | Method |\n|---|---|---:|---:|---:|---:|---:|---|---|\n");
        foreach (var c in result.Changes)
        {
            var verdict = c.Verdict switch
            {
                ChangeVerdict.Regression => "**regression**",
                ChangeVerdict.Improvement => "improvement",
                _ => "unchanged",
            };
            md.Append(CultureInfo.InvariantCulture, $"| {c.Cell} | {c.Metric} | {Value(c.Baseline, c.Unit)} | {Value(c.Candidate, c.Unit)} | {Change(c)} | {Interval(c)} | {Needs(c.RequiredChange)} | {verdict} | {c.Method} |\n");
        }

        if (result.CellRuns is { Count: > 0 } runs)
        {
            md.Append("\nWhich run each cell came from: ")
                .Append(string.Join("; ", runs.Select(r => $"{r.Key}: baseline {r.Value.Baseline}, candidate {r.Value.Candidate}")))
                .Append('\n');
        }

        if (result.OnlyInBaseline.Count > 0)
        {
            md.Append("\nOnly in the baseline (not compared): ").Append(string.Join(", ", result.OnlyInBaseline)).Append('\n');
        }

        if (result.OnlyInCandidate.Count > 0)
        {
            md.Append("\nOnly in the candidate (not compared): ").Append(string.Join(", ", result.OnlyInCandidate)).Append('\n');
        }

        md.Append(MethodNotes(result.MinimumChange));
        return md.ToString();
    }

    private static string MethodNotes(double minimumChange) => string.Create(
        CultureInfo.InvariantCulture,
        $"""

        ## How each metric is judged

        - **Throughput, p50, p99, p99.9**: a moving-block bootstrap ({WithinRunBootstrap.Replicates:#,0} seeded replicates, blocks of n^(1/3) intervals) redraws each run's per-second histograms from `latency.hlog` (throughput: its per-second series; without a log, the per-second p50/p99 stand in, and p99.9 rests on the between-run part alone) and gives the interval of candidate / baseline.
        - **Between runs**: two runs of the same build differ by more than either run's own noise, so each run's level is taken to scatter with a standard deviation of at least the **floor of {BetweenRunFloor.RelativeSd:0%}** (from three identical 8 s runs on the development VM: p50 and p99.9 scattered by 7.4% and 8.7%), or of its own seconds' scatter (log per-second throughput or p50) when that is larger, as on a busy machine. Without repeats no change inside {FloorBand()} can be called. With `load --repeat N` the interval is a t-interval over the repeats' log values, their scatter measured, but never narrower per run than that floor: repeats run back to back and share the machine's state.
        - **Percentiles, tail rule**: a percentile q of n samples rests on n·(1 − q) tail samples, so it needs a change of at least 1.96·√(1/tail_b + 1/tail_c); below {TailRule.TailForMinimumChange(minimumChange):#,0} tail samples per run that is more than the minimum change ("Needs").
        - **Error and stale-read rates**: the exact Poisson rate-ratio interval (Clopper–Pearson on the split of the events) of the counts, summed over repeats, widened by the between-run standard deviation.
        - **Microbenchmarks**: BenchmarkDotNet's confidence intervals must not overlap.

        """);

    // The 95% band two single runs' floor alone spans: ±1.96·√2·σ in log ratio.
    private static string FloorBand()
    {
        var half = ChangeInterval.Z * Math.Sqrt(2) * BetweenRunFloor.RelativeSd;
        return $"{Format.SignedPercent(Math.Exp(-half) - 1)} … {Format.SignedPercent(Math.Exp(half) - 1)}";
    }

    private static string Change(MetricChange change) =>
        double.IsInfinity(change.RelativeChange) ? "new" : Format.SignedPercent(change.RelativeChange);

    private static string Interval(MetricChange change) =>
        change.Interval is { } interval ? $"{Bound(interval.Low)} … {Bound(interval.High)}" : "–";

    private static string Bound(double fraction) => double.IsPositiveInfinity(fraction) ? "+∞" : Format.SignedPercent(fraction);

    private static string Needs(double required) => double.IsPositiveInfinity(required) ? "no tail" : "±" + Format.SignedPercent(required)[1..];

    private static string Value(double value, string unit) => unit switch
    {
        "ns" => Format.Duration(value),
        "%" => Format.Number(value) + "%",
        _ => Format.Number(value) + " " + unit,
    };
}
