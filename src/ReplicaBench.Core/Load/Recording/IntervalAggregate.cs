using HdrHistogram;

namespace ReplicaBench.Load.Recording;

/// <summary>
/// The collector's sum of many <see cref="RecordingSlab"/>s: one interval of all virtual users, or
/// a whole phase (the sum of its intervals). Same cells as a slab, 64-bit histograms. Owned by the
/// collector thread alone.
/// </summary>
internal sealed class IntervalAggregate
{
    public IntervalAggregate(CellLayout layout)
    {
        Layout = layout;
        var cells = layout.CellCount;
        Latency = new LongHistogram?[cells];
        StaleAge = new LongHistogram?[cells];
        Succeeded = new long[cells];
        Failed = new long[cells];
        Errors = new long[cells * ErrorKindCatalog.Capacity];
        StaleChecked = new long[cells];
        Stale = new long[cells];
        ReadYourWritesChecked = new long[cells];
        ReadYourWritesViolations = new long[cells];
    }

    public CellLayout Layout { get; }

    public LongHistogram?[] Latency { get; }

    public LongHistogram?[] StaleAge { get; }

    public long[] Succeeded { get; }

    public long[] Failed { get; }

    public long[] Errors { get; }

    public long[] StaleChecked { get; }

    public long[] Stale { get; }

    public long[] ReadYourWritesChecked { get; }

    public long[] ReadYourWritesViolations { get; }

    public LongHistogram? ScheduleLag { get; private set; }

    public long Completed { get; private set; }

    public long Late { get; private set; }

    /// <summary>Dropped by virtual users (too late) plus dropped by the pacer (backlog full).</summary>
    public long Dropped { get; private set; }

    public long CancelledAtStop { get; private set; }

    /// <summary>Open model: arrivals that came due.</summary>
    public long Scheduled { get; private set; }

    public void Add(RecordingSlab slab)
    {
        for (var cell = 0; cell < Layout.CellCount; cell++)
        {
            Succeeded[cell] += slab.Succeeded[cell];
            Failed[cell] += slab.Failed[cell];
            StaleChecked[cell] += slab.StaleChecked[cell];
            Stale[cell] += slab.Stale[cell];
            ReadYourWritesChecked[cell] += slab.ReadYourWritesChecked[cell];
            ReadYourWritesViolations[cell] += slab.ReadYourWritesViolations[cell];
            AddInto(Latency, cell, slab.Latency[cell]);
            AddInto(StaleAge, cell, slab.StaleAge[cell]);
        }

        if (slab.Errors is { } errors)
        {
            for (var i = 0; i < errors.Length; i++)
            {
                Errors[i] += errors[i];
            }
        }

        if (slab.ScheduleLag is { TotalCount: > 0 } lag)
        {
            (ScheduleLag ??= LatencyHistograms.CreateForTotal()).Add(lag);
        }

        Completed += slab.Completed;
        Late += slab.Late;
        Dropped += slab.Dropped;
        CancelledAtStop += slab.CancelledAtStop;
    }

    public void Add(IntervalAggregate other)
    {
        for (var cell = 0; cell < Layout.CellCount; cell++)
        {
            Succeeded[cell] += other.Succeeded[cell];
            Failed[cell] += other.Failed[cell];
            StaleChecked[cell] += other.StaleChecked[cell];
            Stale[cell] += other.Stale[cell];
            ReadYourWritesChecked[cell] += other.ReadYourWritesChecked[cell];
            ReadYourWritesViolations[cell] += other.ReadYourWritesViolations[cell];
            AddInto(Latency, cell, other.Latency[cell]);
            AddInto(StaleAge, cell, other.StaleAge[cell]);
        }

        for (var i = 0; i < Errors.Length; i++)
        {
            Errors[i] += other.Errors[i];
        }

        if (other.ScheduleLag is { TotalCount: > 0 } lag)
        {
            (ScheduleLag ??= LatencyHistograms.CreateForTotal()).Add(lag);
        }

        Completed += other.Completed;
        Late += other.Late;
        Dropped += other.Dropped;
        CancelledAtStop += other.CancelledAtStop;
        Scheduled += other.Scheduled;
    }

    /// <summary>Adds the pacer's counts for the interval: arrivals due and arrivals dropped for a full backlog.</summary>
    public void AddArrivals(long scheduled, long droppedByPacer)
    {
        Scheduled += scheduled;
        Dropped += droppedByPacer;
    }

    public void Clear()
    {
        foreach (var histogram in Latency)
        {
            histogram?.Reset();
        }

        foreach (var histogram in StaleAge)
        {
            histogram?.Reset();
        }

        ScheduleLag?.Reset();
        Array.Clear(Succeeded);
        Array.Clear(Failed);
        Array.Clear(Errors);
        Array.Clear(StaleChecked);
        Array.Clear(Stale);
        Array.Clear(ReadYourWritesChecked);
        Array.Clear(ReadYourWritesViolations);
        Completed = 0;
        Late = 0;
        Dropped = 0;
        CancelledAtStop = 0;
        Scheduled = 0;
    }

    public bool HasData(int cell) => Succeeded[cell] + Failed[cell] + StaleChecked[cell] > 0;

    private static void AddInto(LongHistogram?[] target, int cell, HistogramBase? source)
    {
        if (source is { TotalCount: > 0 })
        {
            (target[cell] ??= LatencyHistograms.CreateForTotal()).Add(source);
        }
    }
}
