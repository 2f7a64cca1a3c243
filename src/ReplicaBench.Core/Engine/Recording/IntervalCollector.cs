using HdrHistogram;
using ReplicaBench.Engine.Execution;
using ReplicaBench.Engine.Output;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine.Recording;

/// <summary>
/// Closes intervals: swaps every virtual user's slab out, sums the slabs, turns the sum into a
/// <see cref="TimeSeriesPoint"/>, streams it (interval log and series, flushed), and adds it to the
/// totals of its phase. Runs on one thread at a time (the collector loop, then the final close);
/// the virtual users keep recording into fresh slabs meanwhile and never wait for it.
/// </summary>
internal sealed class IntervalCollector
{
    private readonly BucketLayout _layout;
    private readonly ErrorKindCatalog _errorKinds;
    private readonly IReadOnlyList<VirtualUserRecorder> _recorders;
    private readonly RunClock _clock;
    private readonly RunOutput? _output;
    private readonly IProgress<TimeSeriesPoint>? _progress;
    private readonly ExternalSamples? _samples;
    private readonly ArrivalCounters? _arrivals;
    private readonly IntervalAggregate _interval;
    private readonly RecordingSlab[] _swapped;
    private readonly List<TimeSeriesPoint> _points = [];
    private readonly List<ExternalSample> _allSamples = [];
    private readonly List<ExternalSample> _intervalSamples = [];
    private readonly LongHistogram _scratch = LatencyHistograms.CreateForTotal();
    private readonly ArrivalTally _intervalArrivals = new(forTotal: true);
    private readonly long[] _lastReleased = new long[2];
    private readonly long[] _lastBacklogDropped = new long[2];
    private long _intervalStart;

    public IntervalCollector(
        BucketLayout layout,
        ErrorKindCatalog errorKinds,
        IReadOnlyList<VirtualUserRecorder> recorders,
        RunClock clock,
        RunOutput? output,
        IProgress<TimeSeriesPoint>? progress,
        ExternalSamples? samples,
        ArrivalCounters? arrivals)
    {
        (_layout, _errorKinds, _recorders, _clock) = (layout, errorKinds, recorders, clock);
        (_output, _progress, _samples, _arrivals) = (output, progress, samples, arrivals);
        _interval = new IntervalAggregate(layout);
        _swapped = new RecordingSlab[recorders.Count];
        WarmUp = new IntervalAggregate(layout);
        Measured = new IntervalAggregate(layout);
        MeasuredPerVirtualUser = new long[recorders.Count];
        _intervalStart = clock.StartTimestamp;
    }

    public IntervalAggregate WarmUp { get; }

    public IntervalAggregate Measured { get; }

    /// <summary>
    /// Open model: the whole run's arrivals by the <see cref="RunPhase"/> of their scheduled time,
    /// whichever interval recorded them.
    /// </summary>
    public ArrivalTally[] ArrivalsByDuePhase { get; } = [new(forTotal: true), new(forTotal: true)];

    /// <summary>Operations each virtual user completed during the measured duration.</summary>
    public long[] MeasuredPerVirtualUser { get; }

    public IReadOnlyList<TimeSeriesPoint> Points => _points;

    public IReadOnlyList<ExternalSample> Samples => _allSamples;

    /// <summary>When the first measured interval began; null while still in the warm-up.</summary>
    public long? MeasurementStart { get; private set; }

    /// <summary>Closes the interval that started at the previous close and ends now.</summary>
    public TimeSeriesPoint Collect(RunPhase phase)
    {
        for (var i = 0; i < _recorders.Count; i++)
        {
            _swapped[i] = _recorders[i].SwapOut();
        }

        var end = _clock.Now;
        for (var i = 0; i < _recorders.Count; i++)
        {
            _recorders[i].WaitForWriter();
        }

        if (phase == RunPhase.Measurement)
        {
            MeasurementStart ??= _intervalStart;
        }

        _interval.Clear();
        for (var i = 0; i < _swapped.Length; i++)
        {
            var slab = _swapped[i];
            if (!slab.IsEmpty)
            {
                _interval.Add(slab);
                if (phase == RunPhase.Measurement)
                {
                    MeasuredPerVirtualUser[i] += slab.Completed;
                }

                slab.Reset();
            }

            _recorders[i].ReturnSpare(slab);
        }

        if (_arrivals is not null)
        {
            foreach (var duePhase in (ReadOnlySpan<RunPhase>)[RunPhase.WarmUp, RunPhase.Measurement])
            {
                var index = (int)duePhase;
                var released = _arrivals.Released(duePhase);
                var backlogDropped = _arrivals.BacklogDropped(duePhase);
                _interval.Arrivals[index].AddPacerCounts(released - _lastReleased[index], backlogDropped - _lastBacklogDropped[index]);
                ArrivalsByDuePhase[index].Add(_interval.Arrivals[index]);
                _lastReleased[index] = released;
                _lastBacklogDropped[index] = backlogDropped;
            }
        }

        // The series and the log show what happened in the interval, whichever phase the arrivals were due in.
        _intervalArrivals.Reset();
        _intervalArrivals.Add(_interval.Arrivals[0]);
        _intervalArrivals.Add(_interval.Arrivals[1]);

        _intervalSamples.Clear();
        _samples?.Drain(_clock.OffsetOf, _intervalSamples);
        _allSamples.AddRange(_intervalSamples);

        var point = ToPoint(phase, _intervalStart, end);
        Stream(point);
        (phase == RunPhase.WarmUp ? WarmUp : Measured).Add(_interval);
        _points.Add(point);
        _intervalStart = end;
        _progress?.Report(point);
        return point;
    }

    /// <summary>
    /// Open model, after the drain: an operation still running then (abandoned) never recorded
    /// itself, but its arrival started; count that start with its schedule lag.
    /// </summary>
    public void CountAbandonedStart(ArrivalStart arrival)
    {
        if (arrival.IsArrival)
        {
            ArrivalsByDuePhase[(int)arrival.DuePhase].RecordStarted(arrival.ScheduleLagMicroseconds);
        }
    }

    private TimeSeriesPoint ToPoint(RunPhase phase, long start, long end)
    {
        long succeeded = 0, failed = 0, staleChecked = 0, stale = 0, readYourWrites = 0;
        for (var bucket = 0; bucket < _layout.BucketCount; bucket++)
        {
            succeeded += _interval.Counts.Succeeded[bucket];
            failed += _interval.Counts.Failed[bucket];
            staleChecked += _interval.Counts.StaleChecked[bucket];
            stale += _interval.Counts.Stale[bucket];
            readYourWrites += _interval.Counts.ReadYourWritesViolations[bucket];
        }

        var seconds = _clock.Between(start, end).TotalSeconds;
        return new TimeSeriesPoint
        {
            Index = _points.Count,
            Phase = phase,
            Start = _clock.OffsetOf(start),
            End = _clock.OffsetOf(end),
            Completed = succeeded + failed,
            Succeeded = succeeded,
            Failed = failed,
            Throughput = seconds > 0 ? succeeded / seconds : 0,
            Latency = SummarizeLatency(_ => true),
            ErrorsByKind = ErrorsByKind(),
            StaleChecked = staleChecked,
            StaleReads = stale,
            ReadYourWritesViolations = readYourWrites,
            Scheduled = _intervalArrivals.Scheduled,
            Started = _intervalArrivals.Started,
            Late = _intervalArrivals.Late,
            Dropped = _intervalArrivals.Dropped,
            ScheduleLag = _intervalArrivals.ScheduleLag is { } lag ? LatencySummary.From(lag) : LatencySummary.Empty,
            ByOperation = Breakdown(_layout.OperationCount, _layout.OperationOf, _layout.OperationName),
            ByNode = Breakdown(_layout.NodeSlots, _layout.NodeSlotOf, _layout.NodeName),
            Samples = [.. _intervalSamples],
        };
    }

    private LatencySummary SummarizeLatency(Func<int, bool> include)
    {
        _scratch.Reset();
        for (var bucket = 0; bucket < _layout.BucketCount; bucket++)
        {
            if (_interval.Latency[bucket] is { TotalCount: > 0 } histogram && include(bucket))
            {
                _scratch.Add(histogram);
            }
        }

        return LatencySummary.From(_scratch);
    }

    private List<SeriesBreakdown> Breakdown(int groups, Func<int, int> groupOf, Func<int, string> nameOf)
    {
        var rows = new List<SeriesBreakdown>();
        for (var group = 0; group < groups; group++)
        {
            long succeeded = 0, failed = 0;
            for (var bucket = 0; bucket < _layout.BucketCount; bucket++)
            {
                if (groupOf(bucket) == group)
                {
                    succeeded += _interval.Counts.Succeeded[bucket];
                    failed += _interval.Counts.Failed[bucket];
                }
            }

            if (succeeded + failed > 0)
            {
                var latency = SummarizeLatency(bucket => groupOf(bucket) == group);
                rows.Add(new SeriesBreakdown(nameOf(group), succeeded, failed, latency.P50, latency.P99));
            }
        }

        return rows;
    }

    private SortedDictionary<string, long> ErrorsByKind()
    {
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var kind = 0; kind < ErrorKindCatalog.Capacity; kind++)
        {
            long count = 0;
            for (var bucket = 0; bucket < _layout.BucketCount; bucket++)
            {
                count += _interval.Errors[(bucket * ErrorKindCatalog.Capacity) + kind];
            }

            if (count > 0)
            {
                errors[_errorKinds.Name(kind)] = count;
            }
        }

        return errors;
    }

    private void Stream(TimeSeriesPoint point)
    {
        if (_output is null)
        {
            return;
        }

        // A full disk: one line naming the file, not a stack trace from the collector.
        OutputFileException.Naming(_output.Files.IntervalLog, () => StreamLog(point, _output.Log));
        OutputFileException.Naming(_output.Files.Series, () => _output.Series.Write(point));
    }

    private void StreamLog(TimeSeriesPoint point, IntervalLogWriter log)
    {
        var phase = point.Phase == RunPhase.WarmUp ? "warmup" : "measurement";
        var length = point.End - point.Start;
        for (var bucket = 0; bucket < _layout.BucketCount; bucket++)
        {
            if (_interval.Latency[bucket] is { TotalCount: > 0 } latency)
            {
                log.Append($"{phase}/latency/{_layout.CellName(bucket)}", latency, point.Start, length);
            }

            if (_interval.StaleAge[bucket] is { TotalCount: > 0 } staleAge)
            {
                log.Append($"{phase}/stale-age/{_layout.CellName(bucket)}", staleAge, point.Start, length);
            }
        }

        if (_intervalArrivals.ScheduleLag is { TotalCount: > 0 } lag)
        {
            log.Append($"{phase}/schedule-lag", lag, point.Start, length);
        }

        log.Flush();
    }
}
