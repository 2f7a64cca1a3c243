namespace ReplicaBench.Engine.Thresholds;

/// <summary>What a threshold constrains. Latency metrics are percentiles of successful operations.</summary>
public enum ThresholdMetric
{
    P50,
    P75,
    P90,
    P95,
    P99,
    P999,
    Max,
    Mean,

    /// <summary>Failed operations, as a share of completed ones or as a count.</summary>
    Errors,

    /// <summary>Stale reads, as a share of reads whose staleness was checked or as a count.</summary>
    StaleReads,

    /// <summary>Read-your-writes violations, as a share of reads of the session's own writes or as a count.</summary>
    ReadYourWritesViolations,

    /// <summary>Successful operations per second over the measured duration.</summary>
    Throughput,

    /// <summary>
    /// Open model: started arrivals whose schedule lag exceeded <see cref="RunResults.ArrivalStats.LateThreshold"/> (1 ms),
    /// as a share of started arrivals or a count.
    /// </summary>
    Late,

    /// <summary>
    /// Open model: arrivals that could not start (no free virtual user), as a share of scheduled
    /// arrivals or a count. Without a threshold on it, any drop fails the run.
    /// </summary>
    Dropped,
}
