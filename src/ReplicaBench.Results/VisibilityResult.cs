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

    [Description("Markers seen on the replica within the timeout.")]
    public long Samples { get; init; }

    [Description("Markers not seen within the timeout.")]
    public long Timeouts { get; init; }

    [Description("t-visibility p50, ms; null when not probed.")]
    public double? P50Ms { get; init; }

    [Description("t-visibility p90, ms; null when not probed.")]
    public double? P90Ms { get; init; }

    [Description("t-visibility p99, ms; null when not probed.")]
    public double? P99Ms { get; init; }

    [Description("Longest delay seen, ms; null when not probed.")]
    public double? MaxMs { get; init; }

    [Description("The probe's polling resolution, ms: figures are accurate to about this.")]
    public double? ResolutionMs { get; init; }

    [Description("HdrHistogram of the delays (µs), compressed base64; null when nothing was seen.")]
    public string? Histogram { get; init; }

    [Description("Why the probe failed on this replica; null when it worked.")]
    public string? Error { get; init; }
}
