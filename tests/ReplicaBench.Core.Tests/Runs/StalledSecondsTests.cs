using ReplicaBench.Results;
using ReplicaBench.Runs;

namespace ReplicaBench.Tests.Runs;

/// <summary>The seconds without a successful operation, from a per-second series whose answer is set up here.</summary>
public sealed class StalledSecondsTests
{
    [Fact]
    public void Seconds_without_a_successful_operation_are_listed_by_their_t_and_the_longest_run_is_counted()
    {
        // 10 seconds; a 3-second hole at t=3..5 (one with only errors: nothing succeeded), and one at t=9.
        double[] throughput = [120, 118, 0, 0, 0, 95, 130, 125, 0, 110];
        long[] errors = [0, 0, 2, 0, 1, 0, 0, 0, 0, 0];
        var series = throughput.Select((ops, i) => new CellSecond(i + 1, ops, ops > 0 ? 1.0 : null, ops > 0 ? 2.0 : null, errors[i], 0)).ToList();

        var stalled = StalledSeconds.In(series);

        Assert.Equal([3.0, 4.0, 5.0, 9.0], stalled);
        Assert.Equal(3, StalledSeconds.LongestRun(stalled));
    }

    [Fact]
    public void A_series_that_never_stalls_gives_null_so_results_json_leaves_the_field_out()
    {
        var series = Enumerable.Range(1, 5).Select(t => new CellSecond(t, 100, 1, 2, 0, 0)).ToList();

        Assert.Null(StalledSeconds.In(series));
        Assert.Equal(0, StalledSeconds.LongestRun(null));
    }

    [Fact]
    public void Separate_stalled_seconds_are_runs_of_one()
    {
        Assert.Equal(1, StalledSeconds.LongestRun([2.0, 4.0, 6.0]));
        Assert.Equal(2, StalledSeconds.LongestRun([2.0, 4.0, 5.0]));
    }
}
