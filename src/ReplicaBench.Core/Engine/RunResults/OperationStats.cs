using HdrHistogram;

namespace ReplicaBench.Engine.RunResults;

/// <summary>
/// What was measured for a set of operations (one operation on one node, one operation type, one node, or the whole
/// run) over the measured duration: counts, errors by kind, latency of successful operations
/// (summary and the mergeable histogram in µs), and staleness.
/// </summary>
public sealed record OperationStats
{
    /// <summary>Operations that returned, successfully or not.</summary>
    public required long Completed { get; init; }

    public required long Succeeded { get; init; }

    public required long Failed { get; init; }

    public required IReadOnlyDictionary<string, long> ErrorsByKind { get; init; }

    /// <summary>Successful operations per second over the measured duration.</summary>
    public required double Throughput { get; init; }

    /// <summary>Latency of successful operations, µs (from the scheduled start in the open model).</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>The latency histogram (µs, 1 µs to 1 h, 3 significant digits): add it to others to merge runs.</summary>
    public required HistogramBase LatencyHistogram { get; init; }

    /// <summary>Reads whose staleness was checked: the denominator of <see cref="StaleReadRate"/>.</summary>
    public required long StaleChecked { get; init; }

    /// <summary>Checked reads that returned a version older than one already acknowledged.</summary>
    public required long StaleReads { get; init; }

    /// <summary>Reads of keys their own session had written: the denominator of <see cref="ReadYourWritesViolationRate"/>.</summary>
    public required long ReadYourWritesChecked { get; init; }

    /// <summary>Of those, reads that missed the session's own acknowledged write.</summary>
    public required long ReadYourWritesViolations { get; init; }

    /// <summary>How old the versions seen by stale reads were, µs.</summary>
    public required LatencySummary StaleAge { get; init; }

    public required HistogramBase StaleAgeHistogram { get; init; }

    /// <summary>Failed / completed; 0 when nothing completed.</summary>
    public double ErrorRate => Completed == 0 ? 0 : Failed / (double)Completed;

    /// <summary>Stale / checked reads; null when no read was checked.</summary>
    public double? StaleReadRate => StaleChecked == 0 ? null : StaleReads / (double)StaleChecked;

    /// <summary>
    /// Read-your-writes violations / reads of the session's own writes; null when no read was of an
    /// own write. (Over all checked reads it would shrink with every read of a key nobody wrote.)
    /// </summary>
    public double? ReadYourWritesViolationRate => ReadYourWritesChecked == 0 ? null : ReadYourWritesViolations / (double)ReadYourWritesChecked;
}
