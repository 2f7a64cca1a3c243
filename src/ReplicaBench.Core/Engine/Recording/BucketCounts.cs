namespace ReplicaBench.Engine.Recording;

/// <summary>
/// The counts kept per bucket (operation × node) by a <see cref="RecordingSlab"/> and summed by an
/// <see cref="IntervalAggregate"/>: outcomes, staleness checks and read-your-writes checks.
/// </summary>
internal sealed class BucketCounts(int buckets)
{
    public long[] Succeeded { get; } = new long[buckets];

    public long[] Failed { get; } = new long[buckets];

    /// <summary>Reads whose staleness was checked: the denominator of the stale-read rate.</summary>
    public long[] StaleChecked { get; } = new long[buckets];

    public long[] Stale { get; } = new long[buckets];

    /// <summary>Reads of the session's own writes: the denominator of read-your-writes violations.</summary>
    public long[] ReadYourWritesChecked { get; } = new long[buckets];

    public long[] ReadYourWritesViolations { get; } = new long[buckets];

    /// <summary>True when the bucket saw any operation or staleness check.</summary>
    public bool HasData(int bucket) => Succeeded[bucket] + Failed[bucket] + StaleChecked[bucket] > 0;

    public void Add(BucketCounts other)
    {
        for (var bucket = 0; bucket < Succeeded.Length; bucket++)
        {
            Succeeded[bucket] += other.Succeeded[bucket];
            Failed[bucket] += other.Failed[bucket];
            StaleChecked[bucket] += other.StaleChecked[bucket];
            Stale[bucket] += other.Stale[bucket];
            ReadYourWritesChecked[bucket] += other.ReadYourWritesChecked[bucket];
            ReadYourWritesViolations[bucket] += other.ReadYourWritesViolations[bucket];
        }
    }

    public void Clear()
    {
        Array.Clear(Succeeded);
        Array.Clear(Failed);
        Array.Clear(StaleChecked);
        Array.Clear(Stale);
        Array.Clear(ReadYourWritesChecked);
        Array.Clear(ReadYourWritesViolations);
    }
}
