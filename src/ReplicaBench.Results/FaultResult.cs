using System.ComponentModel;
using System.Text.Json.Serialization;

namespace ReplicaBench.Results;

/// <summary>
/// One fault a cell ran (results.json <c>cells[].faults[]</c>, present only with <c>--fault</c>) and
/// what it did: times are seconds into the measured window, the axis of the time series.
/// </summary>
[Description("One scheduled fault and what the application saw in its window; times are seconds since the cell's measured start.")]
public sealed record FaultResult
{
    /// <summary><c>replica-kill</c>, <c>replica-restart</c>, <c>replay-pause</c>, <c>replay-resume</c> or <c>failover</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The replica it acted on (for a failover: the one promoted).</summary>
    public string Node { get; init; } = "";

    /// <summary>When it was scheduled.</summary>
    public double At { get; init; }

    public double? StartedAt { get; init; }

    public double? CompletedAt { get; init; }

    /// <summary>Why the fault's action failed; null when it worked.</summary>
    public string? Error { get; init; }

    public double? FirstErrorAt { get; init; }

    public double? LastErrorAt { get; init; }

    public long Errors { get; init; }

    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init => field = value ?? new Dictionary<string, long>(); } = new Dictionary<string, long>();

    public double? PreFaultThroughput { get; init; }

    public double? LowestThroughput { get; init; }

    /// <summary>Until throughput was back at 90% of the pre-fault level; null: not within the window.</summary>
    public double? RecoveryMs { get; init; }

    public long ReadsRedirected { get; init; }

    public long ReadsRedirectedToPrimary { get; init; }

    public long StaleReads { get; init; }

    /// <summary>Failover only: until the first write succeeded on the new primary.</summary>
    public double? WriteUnavailableMs { get; init; }

    public string? Promoted { get; init; }

    public IReadOnlyList<string> LeftOut { get; init => field = value ?? []; } = [];

    /// <summary>How the fault reads in a table or on a chart: <c>replica-kill replica1 @20s</c>.</summary>
    [JsonIgnore]
    public string Label => $"{Kind} {Node} @{At.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}s";
}
