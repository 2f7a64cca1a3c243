using HdrHistogram;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Engine.Telemetry;

namespace ReplicaBench.Engine.Recording;

/// <summary>
/// Everything one virtual user measured during one interval: per bucket (operation × node) the
/// latency histogram, success and failure counts, errors by kind, staleness counts and stale-read
/// ages; for the open model its started and dropped arrivals and their schedule lag, per phase of
/// their scheduled time.
/// </summary>
/// <remarks>
/// Written by exactly one virtual user at a time and read by the collector only after it has
/// swapped the slab out (see <see cref="VirtualUserRecorder"/>), so plain fields suffice.
/// Histograms and the error table are created on first use: a bucket a virtual user never touches
/// costs nothing, and after its first interval a slab records without allocating.
/// </remarks>
internal sealed class RecordingSlab
{
    private readonly BucketLayout _layout;
    private readonly ErrorKindCatalog _errorKinds;
    private readonly OperationTelemetry? _telemetry;

    public RecordingSlab(BucketLayout layout, ErrorKindCatalog errorKinds, OperationTelemetry? telemetry = null)
    {
        _layout = layout;
        _errorKinds = errorKinds;
        _telemetry = telemetry;
        var buckets = layout.BucketCount;
        Counts = new BucketCounts(buckets);
        Latency = new HistogramBase?[buckets];
        StaleAge = new HistogramBase?[buckets];
        ReadsByRoute = new long[layout.RoutePairCount];
    }

    public BucketCounts Counts { get; }

    public HistogramBase?[] Latency { get; }

    public HistogramBase?[] StaleAge { get; }

    /// <summary>Failures per bucket and kind: index <c>bucket × ErrorKindCatalog.Capacity + kind</c>.</summary>
    public long[]? Errors { get; private set; }

    /// <summary>Reads (succeeded or failed) per intended and serving node: index <see cref="BucketLayout.RoutePair"/>.</summary>
    public long[] ReadsByRoute { get; }

    /// <summary>Reads (succeeded or failed) that the router sent elsewhere than its policy wanted first.</summary>
    public long ReadFallbacks { get; private set; }

    /// <summary>Operations completed (succeeded or failed) in this interval by this virtual user.</summary>
    public long Completed { get; private set; }

    /// <summary>
    /// Open model: arrivals this virtual user started or dropped, indexed by the <see cref="RunPhase"/>
    /// of their scheduled time; null in the closed model.
    /// </summary>
    public ArrivalTally[]? Arrivals { get; private set; }

    /// <summary>Operations cancelled because the graceful stop ran out (not errors of the system under test).</summary>
    public long CancelledAtStop { get; private set; }

    public bool IsEmpty => Completed == 0 && CancelledAtStop == 0 && (Arrivals is null || (Arrivals[0].IsEmpty && Arrivals[1].IsEmpty));

    /// <summary>Records one completed operation and, in the open model, the start of the arrival it served.</summary>
    public void RecordCompleted(in LoadOutcome outcome, long latencyMicroseconds, in ArrivalStart arrival)
    {
        RecordStarted(arrival);
        var operation = outcome.Operation.Index;
        var slot = outcome.Node.Slot;
        var errorKind = outcome.ErrorKind;
        if ((uint)operation >= (uint)_layout.UnattributedOperation || (uint)slot >= (uint)_layout.NodeSlots)
        {
            // An id the scenario never declared: keep the count honest rather than crash the virtual user.
            operation = _layout.UnattributedOperation;
            slot = 0;
            errorKind = "invalid-outcome";
        }

        var bucket = _layout.Bucket(operation, slot);
        Completed++;
        if (_layout.IsRead(operation))
        {
            CountRoute(outcome, slot);
        }

        if (errorKind is null)
        {
            Counts.Succeeded[bucket]++;
            (Latency[bucket] ??= LatencyHistograms.CreateForInterval()).RecordValue(LatencyHistograms.Clamp(latencyMicroseconds));
        }
        else
        {
            CountFailure(bucket, errorKind);
        }

        var staleness = outcome.Staleness;
        if (staleness.IsChecked)
        {
            Counts.StaleChecked[bucket]++;
            if (staleness.IsStale)
            {
                Counts.Stale[bucket]++;
                (StaleAge[bucket] ??= LatencyHistograms.CreateForInterval()).RecordValue(LatencyHistograms.Clamp(staleness.AgeMicroseconds));
            }
        }

        if (staleness.IsReadYourWritesChecked)
        {
            Counts.ReadYourWritesChecked[bucket]++;
            if (staleness.IsReadYourWritesViolation)
            {
                Counts.ReadYourWritesViolations[bucket]++;
            }
        }

        _telemetry?.RecordCompleted(bucket, errorKind is null, staleness.IsStale, latencyMicroseconds);

    }

    /// <summary>Records an exception that escaped the virtual user: a failure of no particular operation.</summary>
    public void RecordUnattributed(string errorKind, in ArrivalStart arrival)
    {
        RecordStarted(arrival);
        Completed++;
        var bucket = _layout.Bucket(_layout.UnattributedOperation, 0);
        CountFailure(bucket, errorKind);
        _telemetry?.RecordUnattributed(bucket);
    }

    /// <summary>Open model: an arrival that could not start (it waited longer than the max lateness).</summary>
    public void RecordDropped(RunPhase duePhase) => TallyOf(duePhase).RecordDropped();

    public void RecordCancelledAtStop(in ArrivalStart arrival)
    {
        RecordStarted(arrival);
        CancelledAtStop++;
    }

    /// <summary>Empties the slab for reuse; keeps the histograms so the next interval allocates nothing.</summary>
    public void Reset()
    {
        ResetAll(Latency);
        ResetAll(StaleAge);
        if (Arrivals is not null)
        {
            Arrivals[0].Reset();
            Arrivals[1].Reset();
        }

        Counts.Clear();
        Array.Clear(ReadsByRoute);
        ReadFallbacks = 0;
        if (Errors is not null)
        {
            Array.Clear(Errors);
        }

        Completed = 0;
        CancelledAtStop = 0;
    }

    private void RecordStarted(in ArrivalStart arrival)
    {
        if (arrival.IsArrival)
        {
            TallyOf(arrival.DuePhase).RecordStarted(arrival.ScheduleLagMicroseconds);
        }
    }

    private ArrivalTally TallyOf(RunPhase duePhase) =>
        (Arrivals ??= [new ArrivalTally(forTotal: false), new ArrivalTally(forTotal: false)])[(int)duePhase];

    /// <summary>
    /// Counts where a read was meant to go and where it went, in the same slab as its success or
    /// failure: so the routing counts cover exactly the window (and phase) the operation counts do.
    /// </summary>
    private void CountRoute(in LoadOutcome outcome, int servedSlot)
    {
        var intended = outcome.Intended.Slot;
        if ((uint)intended >= (uint)_layout.NodeSlots)
        {
            intended = 0;
        }

        ReadsByRoute[_layout.RoutePair(intended, servedSlot)]++;
        if (outcome.IsFallback)
        {
            ReadFallbacks++;
        }
    }

    private void CountFailure(int bucket, string errorKind)
    {
        Counts.Failed[bucket]++;
        var kind = _errorKinds.Intern(errorKind);
        (Errors ??= new long[_layout.BucketCount * ErrorKindCatalog.Capacity])[(bucket * ErrorKindCatalog.Capacity) + kind]++;
    }

    private static void ResetAll(HistogramBase?[] histograms)
    {
        foreach (var histogram in histograms)
        {
            if (histogram is { TotalCount: > 0 })
            {
                histogram.Reset();
            }
        }
    }
}
