using HdrHistogram;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine.Recording;

/// <summary>
/// The collector's sum of many <see cref="RecordingSlab"/>s: one interval of all virtual users, or
/// a whole phase (the sum of its intervals). Same buckets as a slab, 64-bit histograms. Owned by the
/// collector thread alone.
/// </summary>
internal sealed class IntervalAggregate
{
    public IntervalAggregate(BucketLayout layout)
    {
        Layout = layout;
        var buckets = layout.BucketCount;
        Counts = new BucketCounts(buckets);
        Latency = new LongHistogram?[buckets];
        StaleAge = new LongHistogram?[buckets];
        Errors = new long[buckets * ErrorKindCatalog.Capacity];
        ReadsByRoute = new long[layout.RoutePairCount];
    }

    public BucketLayout Layout { get; }

    public BucketCounts Counts { get; }

    public LongHistogram?[] Latency { get; }

    public LongHistogram?[] StaleAge { get; }

    public long[] Errors { get; }

    /// <summary>Reads per intended and serving node (see <see cref="RecordingSlab.ReadsByRoute"/>).</summary>
    public long[] ReadsByRoute { get; }

    public long ReadFallbacks { get; private set; }

    public long Completed { get; private set; }

    public long CancelledAtStop { get; private set; }

    /// <summary>
    /// Open model: arrivals indexed by the <see cref="RunPhase"/> of their scheduled time — due,
    /// started and dropped (by virtual users for lateness, by the pacer for a full backlog).
    /// </summary>
    public ArrivalTally[] Arrivals { get; } = [new(forTotal: true), new(forTotal: true)];

    public void Add(RecordingSlab slab)
    {
        Counts.Add(slab.Counts);
        for (var bucket = 0; bucket < Layout.BucketCount; bucket++)
        {
            AddInto(Latency, bucket, slab.Latency[bucket]);
            AddInto(StaleAge, bucket, slab.StaleAge[bucket]);
        }

        AddRoutes(slab.ReadsByRoute, slab.ReadFallbacks);
        if (slab.Errors is { } errors)
        {
            for (var i = 0; i < errors.Length; i++)
            {
                Errors[i] += errors[i];
            }
        }

        if (slab.Arrivals is { } arrivals)
        {
            Arrivals[0].Add(arrivals[0]);
            Arrivals[1].Add(arrivals[1]);
        }

        Completed += slab.Completed;
        CancelledAtStop += slab.CancelledAtStop;
    }

    public void Add(IntervalAggregate other)
    {
        Counts.Add(other.Counts);
        for (var bucket = 0; bucket < Layout.BucketCount; bucket++)
        {
            AddInto(Latency, bucket, other.Latency[bucket]);
            AddInto(StaleAge, bucket, other.StaleAge[bucket]);
        }

        for (var i = 0; i < Errors.Length; i++)
        {
            Errors[i] += other.Errors[i];
        }

        Arrivals[0].Add(other.Arrivals[0]);
        Arrivals[1].Add(other.Arrivals[1]);

        AddRoutes(other.ReadsByRoute, other.ReadFallbacks);
        Completed += other.Completed;
        CancelledAtStop += other.CancelledAtStop;
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

        Arrivals[0].Reset();
        Arrivals[1].Reset();
        Array.Clear(Errors);
        Counts.Clear();
        Array.Clear(ReadsByRoute);
        ReadFallbacks = 0;
        Completed = 0;
        CancelledAtStop = 0;
    }

    public bool HasData(int bucket) => Counts.HasData(bucket);

    private void AddRoutes(long[] reads, long fallbacks)
    {
        for (var i = 0; i < reads.Length; i++)
        {
            ReadsByRoute[i] += reads[i];
        }

        ReadFallbacks += fallbacks;
    }

    private static void AddInto(LongHistogram?[] target, int bucket, HistogramBase? source)
    {
        if (source is { TotalCount: > 0 })
        {
            (target[bucket] ??= LatencyHistograms.CreateForTotal()).Add(source);
        }
    }
}
