using System.ComponentModel;
using System.Text.Json.Serialization;

namespace ReplicaBench.Results;

/// <summary>
/// How stale, at most, the replica reads of a cell could have been when the router sent them: the
/// replica monitor's upper bound of the replica's lag plus the age of its sample, per read. Under
/// bounded-staleness no served read exceeds the bound plus one sampling interval.
/// </summary>
[Description("Upper bound of the staleness of each replica read at the moment it was routed (monitor lag upper bound + sample age), measured window; null without replicas.")]
public sealed record ServedStalenessResults : ServedStalenessBound
{
    [Description("The same per replica.")]
    [JsonPropertyOrder(1)]
    public IReadOnlyList<ServedStalenessReplica> Replicas { get; init => field = value ?? []; } = [];
}
