using ReplicaBench.Results;

namespace ReplicaBench.Runs;

/// <summary>
/// The seconds of a cell's measured window in which no operation succeeded. A closed model hides
/// them: while every virtual user waits on a node that does not answer, nothing is recorded, so the
/// percentiles of what did complete stay low; only the time series shows the hole.
/// </summary>
public static class StalledSeconds
{
    /// <summary>The <c>t</c> of every second without a successful operation, in order; null when there is none.</summary>
    public static IReadOnlyList<double>? In(IReadOnlyList<CellSecond> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var stalled = series.Where(s => s.Throughput <= 0).Select(s => s.T).ToList();
        return stalled.Count == 0 ? null : stalled;
    }

    /// <summary>The longest run of consecutive stalled seconds (0 when none), from the seconds' <c>t</c>s.</summary>
    public static int LongestRun(IReadOnlyList<double>? stalled)
    {
        if (stalled is not { Count: > 0 })
        {
            return 0;
        }

        int longest = 1, current = 1;
        for (var i = 1; i < stalled.Count; i++)
        {
            // Consecutive seconds have ts one second apart (rounded to the millisecond in results).
            current = Math.Abs(stalled[i] - stalled[i - 1] - 1) < 0.01 ? current + 1 : 1;
            longest = Math.Max(longest, current);
        }

        return longest;
    }
}
