using ReplicaBench.Measurement;

namespace ReplicaBench.Runs;

/// <summary>
/// What the visibility probe measured on one replica during a cell's measured window: the delay
/// from a write's commit acknowledgement on the primary to the first read on the replica that sees
/// it, over every marker sent. A marker never seen is censored (its delay is at least how long it
/// was watched), and a percentile that falls among censored markers is a lower bound
/// (<see cref="VisibilityDelay.IsLowerBound"/>), never a seen value and never missing.
/// <see cref="Histogram"/> is the HdrHistogram of the seen delays (µs, base64 compressed), the raw
/// material of the report's t-visibility curve.
/// </summary>
/// <param name="Replica">The replica's name.</param>
/// <param name="Error">Why the replica could not be (fully) probed, else null.</param>
public sealed record CellVisibility(string Replica, string? Error)
{
    /// <summary>Markers the probe meant to send during the cell.</summary>
    public long MarkersPlanned { get; init; }

    /// <summary>Markers sent and watched on this replica: seen plus censored.</summary>
    public long MarkersSent { get; init; }

    /// <summary>The samples every figure is taken over: every marker sent (= <see cref="MarkersSent"/>).</summary>
    public long Samples => MarkersSent;

    /// <summary>Markers seen (the histogram's count).</summary>
    public long Seen { get; init; }

    /// <summary>Markers sent but never seen: <see cref="Timeouts"/> plus those still unseen when the probe stopped.</summary>
    public long Censored { get; init; }

    /// <summary>Markers not seen within the probe's marker timeout.</summary>
    public long Timeouts { get; init; }

    /// <summary>The probe's marker timeout in ms: the "at least" of a timed-out marker.</summary>
    public double? TimeoutMs { get; init; }

    public VisibilityDelay? P50 { get; init; }

    public VisibilityDelay? P90 { get; init; }

    public VisibilityDelay? P99 { get; init; }

    /// <summary>The longest delay; a lower bound when anything was censored.</summary>
    public VisibilityDelay? Max { get; init; }

    /// <summary>The p50 in ms, a lower bound when <see cref="P50"/> says so.</summary>
    public double? P50Ms => P50?.Milliseconds;

    public double? P90Ms => P90?.Milliseconds;

    public double? P99Ms => P99?.Milliseconds;

    public double? MaxMs => Max?.Milliseconds;

    /// <summary>Mean width of the window in which a seen marker became visible, ms; null when none was seen.</summary>
    public double? ResolutionMs { get; init; }

    /// <summary>The seen delays' histogram (µs, base64 compressed); null when none was seen.</summary>
    public string? Histogram { get; init; }

    /// <summary>Polls of this replica, and how many started far later than intended.</summary>
    public PollPace Pace { get; init; } = PollPace.None;

    /// <summary>
    /// The probe kept up on this replica: every planned marker sent, each seen or timed out, polls
    /// on pace, no error. When false, the figures describe the probe's struggle as much as the replica.
    /// </summary>
    public bool KeptUp { get; init; }
}
