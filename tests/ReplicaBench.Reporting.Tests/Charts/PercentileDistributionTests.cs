using ReplicaBench.Reporting.Charts.Distribution;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Tests.Charts;

/// <summary>
/// The percentile-distribution plot's points, from whole histograms. Known answer: 1,000 operations
/// at 1, 2 … 1,000 ms (one each), so the value at p is p × 10 ms. Tolerance: HdrHistogram at 3
/// significant digits reports a value's bucket's highest equivalent, at most 1/1024 (under 0.1%)
/// above the recorded value.
/// </summary>
public sealed class PercentileDistributionTests
{
    private const double HdrPrecision = 0.001;

    [Theory]
    [InlineData(50, 500)]
    [InlineData(90, 900)]
    [InlineData(99, 990)]
    [InlineData(99.9, 999)]
    public void Uniform_1_to_1000_ms_gives_the_known_latency_at_each_labelled_percentile(double percentile, double expectedMs)
    {
        var points = PercentileDistribution.Points(Uniform1To1000Ms());

        var point = PercentileDistribution.At(points, percentile);

        Assert.NotNull(point);
        Assert.InRange(point.LatencyMs, expectedMs, expectedMs * (1 + HdrPrecision));
    }

    [Fact]
    public void The_points_rise_with_the_percentile_and_stop_at_the_last_nine_1000_samples_support()
    {
        var points = PercentileDistribution.Points(Uniform1To1000Ms());

        Assert.Equal(0, points[0].Nines, 9);
        Assert.Equal(3, points[^1].Nines, 9);
        Assert.Equal(99.9, points[^1].Percentile, 9);
        Assert.Null(PercentileDistribution.At(points, 99.99));
        Assert.All(points.Zip(points.Skip(1)), pair => Assert.True(pair.Second.LatencyMs >= pair.First.LatencyMs && pair.Second.Nines > pair.First.Nines));
    }

    [Fact]
    public void The_axis_runs_from_0_to_the_last_nine_and_labels_the_percentiles()
    {
        var line = new DistributionLine("1 replica, round-robin", PercentileDistribution.Points(Uniform1To1000Ms()));

        using var plot = PercentileDistributionChart.Draw([line], "t");
        plot.RenderInMemory(1000, 560);

        var limits = plot.Axes.GetLimits();
        Assert.Equal(0, limits.Left, 9);
        Assert.Equal(3, limits.Right, 9);
        Assert.Equal(0, limits.Bottom, 9);
        Assert.Equal(["0%", "50%", "90%", "99%", "99.9%"], plot.Axes.Bottom.TickGenerator.Ticks.Select(t => t.Label));
        Assert.Equal(Math.Log10(2), plot.Axes.Bottom.TickGenerator.Ticks[1].Position, 9);
    }

    [Fact]
    public void A_cells_log_is_read_whole_across_nodes_and_seconds_without_its_warm_up()
    {
        using var run = TempRunFolder.CopyOf("run-full");
        // 1 … 1,000 ms split over two nodes and two seconds; the warm-up's 5 s reads must not count.
        var firstHalf = HlogWriter.NewHistogram();
        var secondHalf = HlogWriter.NewHistogram();
        var warmUp = HlogWriter.NewHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            (ms % 2 == 0 ? firstHalf : secondHalf).RecordValue(ms * 1000L);
            warmUp.RecordValue(5_000_000);
        }

        HlogWriter.Write(Path.Combine(run.Path, "cells", "r1-round-robin", "latency.hlog"),
        [
            ("warmup/latency/point-read@primary", 0, warmUp),
            ("measurement/latency/point-read@primary", 5, firstHalf),
            ("measurement/latency/point-read@replica1", 6, secondHalf),
        ]);
        var folder = RunFolderReader.Read(run.Path);

        var lines = PercentileDistributionChart.Lines(folder);

        var line = Assert.Single(lines);
        Assert.Equal("1 replica, round-robin", line.Label);
        Assert.InRange(PercentileDistribution.At(line.Points, 99)!.LatencyMs, 990, 990 * (1 + HdrPrecision));
        Assert.InRange(line.Points[^1].LatencyMs, 999, 999 * (1 + HdrPrecision));
        Assert.True(File.Exists(Path.Combine(ReportWriter.Write(folder).Directory, PercentileDistributionChart.Name + ".png")));
    }

    [Fact]
    public void A_run_without_histogram_logs_has_no_distribution_chart_and_says_so()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        Assert.False(File.Exists(Path.Combine(output.Directory, PercentileDistributionChart.Name + ".png")));
        Assert.Contains("No percentile-distribution chart: no cell has a readable HdrHistogram log", File.ReadAllText(output.IndexHtml), StringComparison.Ordinal);
        Assert.Contains("No percentile-distribution chart: no cell has a readable HdrHistogram log", File.ReadAllText(output.SummaryMarkdown), StringComparison.Ordinal);
    }

    private static HdrHistogram.HistogramBase Uniform1To1000Ms()
    {
        var histogram = HlogWriter.NewHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.RecordValue(ms * 1000L);
        }

        return histogram;
    }
}
