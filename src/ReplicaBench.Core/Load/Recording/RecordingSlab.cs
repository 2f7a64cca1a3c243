using HdrHistogram;

namespace ReplicaBench.Load.Recording;

/// <summary>
/// Everything one virtual user measured during one interval: per cell (operation × node) the
/// latency histogram, success and failure counts, errors by kind, staleness counts and stale-read
/// ages; for the open model its late and dropped arrivals and schedule lag.
/// </summary>
/// <remarks>
/// Written by exactly one virtual user at a time and read by the collector only after it has
/// swapped the slab out (see <see cref="VirtualUserRecorder"/>), so plain fields suffice.
/// Histograms and the error table are created on first use: a cell a virtual user never touches
/// costs nothing, and after its first interval a slab records without allocating.
/// </remarks>
internal sealed class RecordingSlab
{
    private readonly CellLayout _layout;
    private readonly ErrorKindCatalog _errorKinds;

    public RecordingSlab(CellLayout layout, ErrorKindCatalog errorKinds)
    {
        _layout = layout;
        _errorKinds = errorKinds;
        var cells = layout.CellCount;
        Latency = new HistogramBase?[cells];
        StaleAge = new HistogramBase?[cells];
        Succeeded = new long[cells];
        Failed = new long[cells];
        StaleChecked = new long[cells];
        Stale = new long[cells];
        ReadYourWritesChecked = new long[cells];
        ReadYourWritesViolations = new long[cells];
    }

    public HistogramBase?[] Latency { get; }

    public HistogramBase?[] StaleAge { get; }

    public long[] Succeeded { get; }

    public long[] Failed { get; }

    /// <summary>Failures per cell and kind: index <c>cell × ErrorKindCatalog.Capacity + kind</c>.</summary>
    public long[]? Errors { get; private set; }

    public long[] StaleChecked { get; }

    public long[] Stale { get; }

    /// <summary>Reads of the session's own writes: the denominator of read-your-writes violations.</summary>
    public long[] ReadYourWritesChecked { get; }

    public long[] ReadYourWritesViolations { get; }

    /// <summary>Open model: how long after its scheduled time each operation actually started.</summary>
    public HistogramBase? ScheduleLag { get; private set; }

    /// <summary>Operations completed (succeeded or failed) in this interval by this virtual user.</summary>
    public long Completed { get; private set; }

    /// <summary>Open model: completed operations that had waited for a free virtual user.</summary>
    public long Late { get; private set; }

    /// <summary>Open model: arrivals this virtual user dropped because they waited too long.</summary>
    public long Dropped { get; private set; }

    /// <summary>Operations cancelled because the graceful stop ran out (not errors of the system under test).</summary>
    public long CancelledAtStop { get; private set; }

    public bool IsEmpty => Completed == 0 && Dropped == 0 && CancelledAtStop == 0;

    /// <summary>Records one completed operation. <paramref name="scheduleLagMicroseconds"/> is negative in the closed model.</summary>
    public void RecordCompleted(in LoadOutcome outcome, long latencyMicroseconds, long scheduleLagMicroseconds, bool late)
    {
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

        var cell = _layout.Cell(operation, slot);
        Completed++;
        if (errorKind is null)
        {
            Succeeded[cell]++;
            (Latency[cell] ??= LatencyHistograms.CreateForInterval()).RecordValue(LatencyHistograms.Clamp(latencyMicroseconds));
        }
        else
        {
            CountFailure(cell, errorKind);
        }

        var staleness = outcome.Staleness;
        if (staleness.IsChecked)
        {
            StaleChecked[cell]++;
            if (staleness.IsStale)
            {
                Stale[cell]++;
                (StaleAge[cell] ??= LatencyHistograms.CreateForInterval()).RecordValue(LatencyHistograms.Clamp(staleness.AgeMicroseconds));
            }
        }

        if (staleness.IsReadYourWritesChecked)
        {
            ReadYourWritesChecked[cell]++;
            if (staleness.IsReadYourWritesViolation)
            {
                ReadYourWritesViolations[cell]++;
            }
        }

        if (scheduleLagMicroseconds >= 0)
        {
            (ScheduleLag ??= LatencyHistograms.CreateForInterval()).RecordValue(LatencyHistograms.Clamp(scheduleLagMicroseconds));
            if (late)
            {
                Late++;
            }
        }
    }

    /// <summary>Records an exception that escaped the virtual user: a failure of no particular operation.</summary>
    public void RecordUnattributed(string errorKind)
    {
        Completed++;
        CountFailure(_layout.Cell(_layout.UnattributedOperation, 0), errorKind);
    }

    public void RecordDropped() => Dropped++;

    public void RecordCancelledAtStop() => CancelledAtStop++;

    /// <summary>Empties the slab for reuse; keeps the histograms so the next interval allocates nothing.</summary>
    public void Reset()
    {
        ResetAll(Latency);
        ResetAll(StaleAge);
        ScheduleLag?.Reset();
        Array.Clear(Succeeded);
        Array.Clear(Failed);
        Array.Clear(StaleChecked);
        Array.Clear(Stale);
        Array.Clear(ReadYourWritesChecked);
        Array.Clear(ReadYourWritesViolations);
        if (Errors is not null)
        {
            Array.Clear(Errors);
        }

        Completed = 0;
        Late = 0;
        Dropped = 0;
        CancelledAtStop = 0;
    }

    private void CountFailure(int cell, string errorKind)
    {
        Failed[cell]++;
        var kind = _errorKinds.Intern(errorKind);
        (Errors ??= new long[_layout.CellCount * ErrorKindCatalog.Capacity])[(cell * ErrorKindCatalog.Capacity) + kind]++;
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
