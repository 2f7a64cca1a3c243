using System.Diagnostics;

namespace ReplicaBench.Workload;

/// <summary>
/// What one executed operation did and, for a read, what the staleness checks found. Small and
/// copied by value: the load engine folds it into its per-node counters and histograms.
/// </summary>
/// <param name="Operation">The operation that ran.</param>
/// <param name="Key">Its key (the first key for a range read).</param>
/// <param name="Rows">Rows read, or 1 for a write that wrote a row (0 for an update of a missing key).</param>
/// <param name="StaleRows">Rows that were stale by <see cref="AcknowledgedVersions.Check"/>; 0 for writes.</param>
/// <param name="MaxStaleAgeTicks">The oldest staleness among those rows, in <see cref="Stopwatch"/> ticks.</param>
/// <param name="ReadYourWritesChecked">True when the read returned (or missed) a row this session had written: read-your-writes was checked.</param>
/// <param name="ReadYourWritesViolation">True when the read returned an older version than this session's own write.</param>
/// <param name="CommitLsn">For a write, the commit LSN to give the routing session; 0 for reads.</param>
public readonly record struct OperationOutcome(
    WorkloadOperation Operation,
    long Key,
    int Rows,
    int StaleRows,
    long MaxStaleAgeTicks,
    bool ReadYourWritesChecked,
    bool ReadYourWritesViolation,
    ulong CommitLsn)
{
    /// <summary>A stale read: at least one row older than a version acknowledged before the read started.</summary>
    public bool IsStale => StaleRows > 0;

    /// <summary>The staleness age of the stalest row (zero when fresh).</summary>
    public TimeSpan MaxStaleAge => new ReadFreshness(IsStale, MaxStaleAgeTicks).Age;

    /// <summary>The staleness age of the stalest row in microseconds (zero when fresh).</summary>
    public long MaxStaleAgeMicroseconds => new ReadFreshness(IsStale, MaxStaleAgeTicks).AgeMicroseconds;
}
