using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>
/// The client-observed visibility probe for one replica: delay from commit acknowledgement on the
/// primary to the row being visible on the replica. <see cref="Histogram"/> is HdrHistogram
/// compressed base64 in microseconds, the full distribution behind the percentiles.
/// </summary>
public sealed record VisibilityResult
{
    [Description("Replica name.")]
    public string Replica { get; init; } = "";

    [Description("Markers seen on the replica (v1's meaning; the histogram's count).")]
    public long Samples { get; init; }

    [Description("Markers the probe meant to send during the cell; null in v1 files.")]
    public long? MarkersPlanned { get; init; }

    [Description("Markers sent and watched on this replica: seen plus censored. Every percentile is taken over these.")]
    public long? MarkersSent { get; init; }

    [Description("Markers sent but never seen (a censored sample: its delay is at least how long it was watched): timeouts plus those still unseen when the probe stopped.")]
    public long? Censored { get; init; }

    [Description("Markers not seen within the timeout.")]
    public long Timeouts { get; init; }

    [Description("The probe's marker timeout, ms: the least a timed-out marker's delay can be.")]
    public double? TimeoutMs { get; init; }

    [Description("t-visibility p50 over every marker sent, ms; a lower bound when p50IsLowerBound; null when not probed.")]
    public double? P50Ms { get; init; }

    [Description("True when the p50 falls among censored markers: the delay is at least p50Ms.")]
    public bool? P50IsLowerBound { get; init; }

    [Description("t-visibility p90 over every marker sent, ms; null when not probed.")]
    public double? P90Ms { get; init; }

    [Description("True when the p90 is a lower bound.")]
    public bool? P90IsLowerBound { get; init; }

    [Description("t-visibility p99 over every marker sent, ms; null when not probed.")]
    public double? P99Ms { get; init; }

    [Description("True when the p99 is a lower bound.")]
    public bool? P99IsLowerBound { get; init; }

    [Description("Longest delay, ms; a lower bound when anything was censored; null when not probed.")]
    public double? MaxMs { get; init; }

    [Description("True when the max is a lower bound.")]
    public bool? MaxIsLowerBound { get; init; }

    [Description("The probe's polling resolution, ms: figures are accurate to about this.")]
    public double? ResolutionMs { get; init; }

    [Description("Polls of this replica during the cell.")]
    public long? Polls { get; init; }

    [Description("Polls that started far later than intended (the probe fell behind).")]
    public long? PollsFarBehind { get; init; }

    [Description("The latest a poll started after its intended time, ms.")]
    public double? MaxPollLatenessMs { get; init; }

    [Description("False when the probe could not keep up (markers not sent, polls behind, an error): the figures then describe the probe's struggle as much as the replica.")]
    public bool? KeptUp { get; init; }

    [Description("HdrHistogram of the seen delays (µs), compressed base64; null when nothing was seen.")]
    public string? Histogram { get; init; }

    [Description("Why the probe failed on this replica; null when it worked.")]
    public string? Error { get; init; }
}
