namespace ReplicaBench.Engine.RunResults;

/// <summary>
/// One interval (one second by default) of the run: throughput, latency percentiles, errors,
/// staleness, open-model lateness, a breakdown per operation and per node, and any external samples
/// appended during it. Streamed to the series file as it closes.
/// </summary>
public sealed record TimeSeriesPoint
{
    public required int Index { get; init; }

    public required RunPhase Phase { get; init; }

    /// <summary>Start of the interval, from the start of the run.</summary>
    public required TimeSpan Start { get; init; }

    public required TimeSpan End { get; init; }

    public required long Completed { get; init; }

    public required long Succeeded { get; init; }

    public required long Failed { get; init; }

    /// <summary>Successful operations per second in this interval.</summary>
    public required double Throughput { get; init; }

    /// <summary>Latency of successful operations completed in this interval, µs.</summary>
    public required LatencySummary Latency { get; init; }

    public required IReadOnlyDictionary<string, long> ErrorsByKind { get; init; }

    public required long StaleChecked { get; init; }

    public required long StaleReads { get; init; }

    public required long ReadYourWritesViolations { get; init; }

    /// <summary>Open model: arrivals that came due in this interval.</summary>
    public required long Scheduled { get; init; }

    /// <summary>Open model: arrivals whose operation was recorded in this interval (they started, and ended or were cancelled).</summary>
    public required long Started { get; init; }

    /// <summary>Open model: of <see cref="Started"/>, those that began more than <see cref="ArrivalStats.LateThreshold"/> after their scheduled time.</summary>
    public required long Late { get; init; }

    /// <summary>Open model: arrivals that could not start (no free virtual user), counted when they were given up.</summary>
    public required long Dropped { get; init; }

    /// <summary>Open model: schedule lag (start − scheduled) of <see cref="Started"/>, µs.</summary>
    public required LatencySummary ScheduleLag { get; init; }

    public required IReadOnlyList<SeriesBreakdown> ByOperation { get; init; }

    public required IReadOnlyList<SeriesBreakdown> ByNode { get; init; }

    public required IReadOnlyList<ExternalSample> Samples { get; init; }
}
