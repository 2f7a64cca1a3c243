using ReplicaBench.Runs.Faults;

namespace ReplicaBench.Tests.Runs.Faults;

/// <summary>Recovery, lowest second and stale reads of a fault window, on made-up one-second series.</summary>
public sealed class FaultWindowAnalysisTests
{
    [Fact]
    public void The_pre_fault_level_is_the_mean_of_up_to_five_whole_seconds_before_the_first_fault()
    {
        var series = Series(100, 100, 200, 200, 200, 200, 200, 10, 10);

        Assert.Equal(200, FaultWindowAnalysis.PreFaultThroughput(series, 7));
        Assert.Equal(100, FaultWindowAnalysis.PreFaultThroughput(series, 2));
        Assert.Null(FaultWindowAnalysis.PreFaultThroughput(series, 0.5));
    }

    [Fact]
    public void Recovery_runs_from_the_fault_to_the_first_second_back_at_ninety_percent_after_the_dip()
    {
        var series = Series(1000, 1000, 1000, 50, 400, 880, 910, 1000);

        var window = FaultWindowAnalysis.Analyse(series, 1000, at: 3, windowEnd: double.PositiveInfinity);

        Assert.Equal(3000, window.RecoveryMs);
        Assert.Equal(50, window.Lowest);
    }

    [Fact]
    public void A_fault_in_the_middle_of_a_second_counts_from_the_fault_itself()
    {
        var series = Series(1000, 1000, 1000, 300, 950);

        Assert.Equal(1500, FaultWindowAnalysis.Analyse(series, 1000, at: 2.5, windowEnd: 10).RecoveryMs);
    }

    [Fact]
    public void A_window_that_never_dips_recovers_in_zero_and_one_that_never_comes_back_in_null()
    {
        var steady = Series(1000, 1000, 950, 920, 1000);
        var broken = Series(1000, 1000, 500, 500, 500, 1000);

        Assert.Equal(0, FaultWindowAnalysis.Analyse(steady, 1000, at: 2, windowEnd: 5).RecoveryMs);
        Assert.Null(FaultWindowAnalysis.Analyse(broken, 1000, at: 2, windowEnd: 5).RecoveryMs);
        Assert.Equal(5000 - 2000, FaultWindowAnalysis.Analyse(broken, 1000, at: 2, windowEnd: 6).RecoveryMs);
    }

    [Fact]
    public void Without_a_pre_fault_level_there_is_no_recovery_figure()
    {
        Assert.Null(FaultWindowAnalysis.Analyse(Series(0, 0, 100), null, at: 1, windowEnd: 3).RecoveryMs);
        Assert.Null(FaultWindowAnalysis.Analyse(Series(0, 0, 100), 0, at: 1, windowEnd: 3).RecoveryMs);
    }

    [Fact]
    public void Stale_reads_are_summed_over_the_seconds_the_window_overlaps()
    {
        var series = Series(100, 100, 100, 100, 100).Select((s, i) => s with { StaleReads = i + 1 }).ToList();

        Assert.Equal(2 + 3 + 4, FaultWindowAnalysis.Analyse(series, 100, at: 1.5, windowEnd: 4).StaleReads);
    }

    private static List<SeriesSecond> Series(params double[] throughput) =>
        [.. throughput.Select((t, i) => new SeriesSecond(i, i + 1, t, 0))];
}
