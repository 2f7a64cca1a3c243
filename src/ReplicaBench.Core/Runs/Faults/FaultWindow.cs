namespace ReplicaBench.Runs.Faults;

/// <summary>
/// What one fault did to a cell, measured over its window — from the moment the fault began until
/// the next fault began (or the run ended). Times are seconds into the measured window, the axis
/// of the time series; null where there is nothing to report (no error, never recovered, ...).
/// </summary>
public sealed record FaultWindow
{
    /// <summary>The fault as scheduled.</summary>
    public required ScheduledFault Fault { get; init; }

    /// <summary>When the fault's action began (null: the run ended before it was due).</summary>
    public double? StartedAt { get; init; }

    /// <summary>When the action finished (a kill: the server is gone; a restart: it streams again; a failover: the other replicas follow).</summary>
    public double? CompletedAt { get; init; }

    /// <summary>Why the action failed, one line; null when it succeeded or never ran.</summary>
    public string? Error { get; init; }

    /// <summary>The first failed operation in the window (cancellations at the end of the run excluded).</summary>
    public double? FirstErrorAt { get; init; }

    /// <summary>The last failed operation in the window.</summary>
    public double? LastErrorAt { get; init; }

    /// <summary>Failed operations in the window.</summary>
    public long Errors { get; init; }

    /// <summary>Failed operations in the window by kind (results.json names, e.g. <c>connection-lost</c>).</summary>
    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>Mean throughput (ops/s) over the seconds before the schedule's first fault: the healthy level recovery is measured against.</summary>
    public double? PreFaultThroughput { get; init; }

    /// <summary>The lowest one-second throughput in the window.</summary>
    public double? LowestThroughput { get; init; }

    /// <summary>
    /// From the fault until the first second, after the throughput fell below 90% of
    /// <see cref="PreFaultThroughput"/>, in which it was back at 90% or more (0: it never fell below;
    /// null: it did not come back within the window). One-second resolution.
    /// </summary>
    public double? RecoveryMs { get; init; }

    /// <summary>Successful reads in the window that the router sent elsewhere than the policy wanted first (fallbacks).</summary>
    public long ReadsRedirected { get; init; }

    /// <summary>Of <see cref="ReadsRedirected"/>, those the primary served.</summary>
    public long ReadsRedirectedToPrimary { get; init; }

    /// <summary>Stale reads in the seconds the window overlaps.</summary>
    public long StaleReads { get; init; }

    /// <summary>Failover only: from the fault until the first write that succeeded on the new primary (null: none did).</summary>
    public double? WriteUnavailableMs { get; init; }

    /// <summary>Failover only: the replica promoted to primary.</summary>
    public string? Promoted { get; init; }

    /// <summary>Failover only: replicas that could not follow the new primary and left the topology.</summary>
    public IReadOnlyList<string> LeftOut { get; init; } = [];
}
