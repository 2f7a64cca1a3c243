using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine.Memory;

/// <summary>
/// How this process's memory moved during a run's measured window, from the samples
/// <see cref="ProcessMemorySampler"/> put on its timeline: the check behind "memory stays flat"
/// (a 10-minute run must not grow the load generator by more than 50 MB after warm-up).
/// </summary>
/// <param name="WorkingSet">Working set, MB.</param>
/// <param name="ManagedHeap">Managed heap after the last GC, MB.</param>
/// <param name="Samples">Samples of each series inside the measured window.</param>
public sealed record MemoryGrowth(MemorySeriesSummary WorkingSet, MemorySeriesSummary ManagedHeap, int Samples)
{
    /// <summary>
    /// Sums up the samples taken from the end of the warm-up (<see cref="LoadRunResult.WarmUpDuration"/>)
    /// to the end of the measured window; null when the run was not sampled or measured nothing.
    /// The baseline is the first sample after the warm-up, so start-up, JIT and the first pool and
    /// buffer growth are not counted as growth.
    /// </summary>
    public static MemoryGrowth? From(LoadRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return From(result.Samples, result.WarmUpDuration, result.WarmUpDuration + result.MeasuredDuration);
    }

    /// <summary>Sums up the samples whose offset lies in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static MemoryGrowth? From(IReadOnlyList<ExternalSample> samples, TimeSpan from, TimeSpan to)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var workingSet = Window(samples, ProcessMemorySampler.WorkingSetSeries, from, to);
        var managedHeap = Window(samples, ProcessMemorySampler.ManagedHeapSeries, from, to);
        if (workingSet.Count == 0 || managedHeap.Count == 0)
        {
            return null;
        }

        return new MemoryGrowth(MemorySeriesSummary.Of(workingSet), MemorySeriesSummary.Of(managedHeap), Math.Min(workingSet.Count, managedHeap.Count));
    }

    private static List<double> Window(IReadOnlyList<ExternalSample> samples, string series, TimeSpan from, TimeSpan to) =>
        [.. samples
            .Where(s => s.Offset >= from && s.Offset <= to && string.Equals(s.Series, series, StringComparison.Ordinal))
            .OrderBy(s => s.Offset)
            .Select(s => s.Value)];
}
