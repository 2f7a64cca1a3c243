namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// A cell's measured latency as one histogram per interval (second), in a form the bootstrap can
/// add up thousands of times: every interval holds its cumulative counts over one sorted grid of
/// the distinct recorded values, so the count at or below a value in any multiset of intervals is
/// a weighted sum, and a percentile a binary search over the grid. Percentiles are read the way
/// HdrHistogram reads them, so the whole set gives the cell's own p50, p99 and p99.9.
/// </summary>
internal sealed class LatencyIntervals
{
    private readonly long[] _values;
    private readonly long[][] _cumulative;

    /// <param name="intervals">Per interval, in time order, the recorded (value µs, count) pairs.</param>
    public LatencyIntervals(IReadOnlyList<IReadOnlyList<(long Value, long Count)>> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        _values = [.. intervals.SelectMany(i => i.Select(p => p.Value)).Distinct().Order()];
        var position = new Dictionary<long, int>(_values.Length);
        for (var i = 0; i < _values.Length; i++)
        {
            position[_values[i]] = i;
        }

        _cumulative = new long[intervals.Count][];
        for (var i = 0; i < intervals.Count; i++)
        {
            var cumulative = new long[_values.Length];
            foreach (var (value, count) in intervals[i])
            {
                cumulative[position[value]] += count;
            }

            for (var g = 1; g < cumulative.Length; g++)
            {
                cumulative[g] += cumulative[g - 1];
            }

            _cumulative[i] = cumulative;
        }

        TotalCount = _cumulative.Sum(c => c.Length == 0 ? 0 : c[^1]);
    }

    /// <summary>How many intervals (blocks) there are.</summary>
    public int Count => _cumulative.Length;

    /// <summary>Latency samples (successful operations) in all intervals.</summary>
    public long TotalCount { get; }

    /// <summary>
    /// Adds up the intervals in <paramref name="chosen"/> (repeats allowed: a bootstrap sample) and
    /// writes the value at each of <paramref name="percentiles"/> (0–100) in µs, NaN when empty.
    /// <paramref name="multiplicity"/> is scratch of <see cref="Count"/> entries.
    /// </summary>
    public void Percentiles(ReadOnlySpan<int> chosen, ReadOnlySpan<double> percentiles, Span<double> values, int[] multiplicity)
    {
        Array.Clear(multiplicity);
        foreach (var interval in chosen)
        {
            multiplicity[interval]++;
        }

        var total = CountAtOrBelow(_values.Length - 1, multiplicity);
        for (var p = 0; p < percentiles.Length; p++)
        {
            if (total == 0)
            {
                values[p] = double.NaN;
                continue;
            }

            // The first grid value whose cumulative count reaches the percentile's count.
            var target = CountAt(percentiles[p], total);
            int low = 0, high = _values.Length - 1;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (CountAtOrBelow(middle, multiplicity) >= target)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            values[p] = _values[low];
        }
    }

    private long CountAtOrBelow(int gridIndex, int[] multiplicity)
    {
        long count = 0;
        for (var i = 0; i < multiplicity.Length; i++)
        {
            if (multiplicity[i] != 0)
            {
                count += multiplicity[i] * _cumulative[i][gridIndex];
            }
        }

        return count;
    }

    // HdrHistogram's rule: the value whose cumulative count first reaches round(p% of the total), at least 1.
    private static long CountAt(double percentile, long total) => Math.Max(1, (long)((Math.Min(percentile, 100) / 100 * total) + 0.5));
}
