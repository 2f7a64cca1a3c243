using ReplicaBench.Reporting.Compare;

namespace ReplicaBench.Reporting.Tests.Compare;

/// <summary>The bootstrap's histogram arithmetic must read the same percentiles HdrHistogram reads.</summary>
public sealed class LatencyIntervalsTests
{
    [Fact]
    public void Percentiles_of_any_multiset_of_intervals_equal_HdrHistograms_on_their_sum()
    {
        var seconds = new SyntheticLatency(Seed: 3, Seconds: 6, PerSecond: 5_000).Draw();
        var intervals = new LatencyIntervals([.. seconds.Select(s => (IReadOnlyList<(long, long)>)[.. s.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo))])]);
        int[] chosen = [0, 0, 2, 5, 5, 5];
        var sum = SyntheticLatency.NewHistogram();
        foreach (var i in chosen)
        {
            sum.Add(seconds[i]);
        }

        double[] percentiles = [0.1, 50, 90, 99, 99.9, 100];
        var values = new double[percentiles.Length];
        intervals.Percentiles(chosen, percentiles, values, new int[intervals.Count]);

        Assert.Equal(30_000, intervals.TotalCount);
        Assert.Equal(percentiles.Select(p => (double)sum.GetValueAtPercentile(p)), values);
    }
}
