namespace ReplicaBench.Engine.Memory;

/// <summary>
/// One memory series over the measured window, MB. <see cref="Growth"/> is where it ended against
/// where it started (a leak); <see cref="MaxGrowth"/> is the highest it got against where it
/// started (what the machine had to have spare), the stricter of the two.
/// </summary>
public sealed record MemorySeriesSummary(double Baseline, double Max, double End)
{
    /// <summary>End minus baseline, MB: negative when the process shrank.</summary>
    public double Growth => End - Baseline;

    /// <summary>Max minus baseline, MB (never negative: the baseline is one of the samples).</summary>
    public double MaxGrowth => Max - Baseline;

    /// <summary>The summary of samples in time order; the first is the baseline.</summary>
    public static MemorySeriesSummary Of(IReadOnlyList<double> valuesInOrder)
    {
        ArgumentNullException.ThrowIfNull(valuesInOrder);
        if (valuesInOrder.Count == 0)
        {
            throw new ArgumentException("a memory series needs at least one sample", nameof(valuesInOrder));
        }

        return new MemorySeriesSummary(valuesInOrder[0], valuesInOrder.Max(), valuesInOrder[^1]);
    }
}
