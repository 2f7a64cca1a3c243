using HdrHistogram;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine.Recording;

/// <summary>Sums chosen buckets of an <see cref="IntervalAggregate"/> into one <see cref="OperationStats"/>.</summary>
internal sealed class StatsBuilder(IntervalAggregate source, ErrorKindCatalog errorKinds)
{
    private readonly LongHistogram _latency = LatencyHistograms.CreateForTotal();
    private readonly LongHistogram _staleAge = LatencyHistograms.CreateForTotal();
    private readonly long[] _errors = new long[ErrorKindCatalog.Capacity];
    private long _succeeded;
    private long _failed;
    private long _staleChecked;
    private long _stale;
    private long _readYourWritesChecked;
    private long _readYourWrites;

    public StatsBuilder AddCell(int bucket)
    {
        _succeeded += source.Counts.Succeeded[bucket];
        _failed += source.Counts.Failed[bucket];
        _staleChecked += source.Counts.StaleChecked[bucket];
        _stale += source.Counts.Stale[bucket];
        _readYourWritesChecked += source.Counts.ReadYourWritesChecked[bucket];
        _readYourWrites += source.Counts.ReadYourWritesViolations[bucket];
        if (source.Latency[bucket] is { } latency)
        {
            _latency.Add(latency);
        }

        if (source.StaleAge[bucket] is { } staleAge)
        {
            _staleAge.Add(staleAge);
        }

        for (var kind = 0; kind < ErrorKindCatalog.Capacity; kind++)
        {
            _errors[kind] += source.Errors[(bucket * ErrorKindCatalog.Capacity) + kind];
        }

        return this;
    }

    public StatsBuilder AddCells(Func<int, bool> include)
    {
        for (var bucket = 0; bucket < source.Layout.BucketCount; bucket++)
        {
            if (include(bucket))
            {
                AddCell(bucket);
            }
        }

        return this;
    }

    public OperationStats Build(TimeSpan measured)
    {
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var kind = 0; kind < ErrorKindCatalog.Capacity; kind++)
        {
            if (_errors[kind] > 0)
            {
                errors[errorKinds.Name(kind)] = _errors[kind];
            }
        }

        return new OperationStats
        {
            Completed = _succeeded + _failed,
            Succeeded = _succeeded,
            Failed = _failed,
            ErrorsByKind = errors,
            Throughput = measured > TimeSpan.Zero ? _succeeded / measured.TotalSeconds : 0,
            Latency = LatencySummary.From(_latency),
            LatencyHistogram = _latency,
            StaleChecked = _staleChecked,
            StaleReads = _stale,
            ReadYourWritesChecked = _readYourWritesChecked,
            ReadYourWritesViolations = _readYourWrites,
            StaleAge = LatencySummary.From(_staleAge),
            StaleAgeHistogram = _staleAge,
        };
    }
}
