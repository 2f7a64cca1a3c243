namespace ReplicaBench.Measurement;

/// <summary>How often <see cref="ReplicaMonitor"/> samples, and when it stops trusting its figures.</summary>
public sealed record ReplicaMonitorOptions
{
    /// <summary>Time between samples of each node.</summary>
    /// <value>10 ms: the lag estimate's resolution is one primary sampling interval, and lag-aware
    /// routing bounds (e.g. <c>bounded-staleness:50ms</c>) need a resolution well below the bound.
    /// Three tiny prepared queries per interval cost the servers next to nothing.</value>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long one sample may take before the node counts as not answering (lag unknown).</summary>
    /// <value>1 s.</value>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How old the primary's last sample may be before replica lag is reported as unknown:
    /// without fresh primary positions the estimate would miss newer writes.</summary>
    /// <value>1 s.</value>
    public TimeSpan PrimaryStaleAfter { get; init; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (Interval <= TimeSpan.Zero || QueryTimeout <= TimeSpan.Zero || PrimaryStaleAfter <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Interval), "interval, query timeout and staleness limit must be positive");
        }
    }
}
