using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>
/// How stale, at most, the replica reads of a cell could have been when the router sent them: the
/// replica monitor's upper bound of the replica's lag plus the age of its sample, per read. Under
/// bounded-staleness no served read exceeds the bound plus one sampling interval.
/// </summary>
[Description("Upper bound of the staleness of each replica read at the moment it was routed (monitor lag upper bound + sample age), measured window; null without replicas.")]
public sealed record ServedStalenessResults
{
    [Description("Replica reads with a known bound.")]
    public long Reads { get; init; }

    [Description("Replica reads served while the router had no bound (not in the percentiles).")]
    public long Unbounded { get; init; }

    [Description("Median bound, ms; null when no read had one.")]
    public double? P50Ms { get; init; }

    [Description("p99 bound, ms; null when no read had one.")]
    public double? P99Ms { get; init; }

    [Description("Largest bound, ms; null when no read had one.")]
    public double? MaxMs { get; init; }

    [Description("The same per replica.")]
    public IReadOnlyList<ServedStalenessReplica> Replicas { get; init => field = value ?? []; } = [];
}
