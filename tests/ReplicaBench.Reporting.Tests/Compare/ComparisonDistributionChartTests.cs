using ReplicaBench.Reporting.Charts.Distribution;
using ReplicaBench.Reporting.Compare;
using ReplicaBench.Reporting.Inputs;

namespace ReplicaBench.Reporting.Tests.Compare;

/// <summary>
/// compare's percentile-distribution chart: the candidate's line and the baseline's. Known answer:
/// the candidate is the baseline's draws with every value above 400 µs doubled, so from p99 on
/// (all tail) its latency is twice the baseline's, within HdrHistogram's precision at 3 digits
/// (each side at most 1/1024 high: 0.2% on the ratio).
/// </summary>
public sealed class ComparisonDistributionChartTests
{
    [Fact]
    public async Task The_compare_file_gets_the_candidate_line_and_the_baseline_line_with_a_doubled_tail_at_twice_the_latency()
    {
        using var baseline = SyntheticRun.Create(new SyntheticCell("r0-primary-only", new SyntheticLatency(Seed: 7, Seconds: 5, PerSecond: 4000).Draw()));
        using var candidate = SyntheticRun.Create(new SyntheticCell("r0-primary-only", new SyntheticLatency(Seed: 7, Seconds: 5, PerSecond: 4000) { Transform = SyntheticLatency.DoubleTheTail }.Draw()));

        var lines = ComparisonDistributionChart.Lines(RunFolderReader.Read(baseline.Path), RunFolderReader.Read(candidate.Path));

        Assert.Equal(["0 replicas, primary-only", "baseline: 0 replicas, primary-only"], lines.Select(l => l.Label));
        Assert.Equal([false, true], lines.Select(l => l.IsBaseline));
        foreach (var percentile in new[] { 99, 99.9 })
        {
            var ratio = PercentileDistribution.At(lines[0].Points, percentile)!.LatencyMs / PercentileDistribution.At(lines[1].Points, percentile)!.LatencyMs;
            Assert.InRange(ratio, 2 * (1 - 0.002), 2 * (1 + 0.002));
        }

        var markdown = Path.Combine(candidate.Path, "compare.md");
        var result = await CliRun.RunAsync("compare", baseline.Path, candidate.Path, "--out", markdown);

        var png = Path.Combine(candidate.Path, "compare.percentile-distribution.png");
        Assert.True(new FileInfo(png).Length > 0);
        Assert.Contains("](compare.percentile-distribution.png)", File.ReadAllText(markdown), StringComparison.Ordinal);
        Assert.DoesNotContain("percentile-distribution.png", result.Stdout, StringComparison.Ordinal);
    }
}
