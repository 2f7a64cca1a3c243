using System.ComponentModel;
using System.Text.Json.Serialization;

namespace ReplicaBench.Results;

/// <summary>The staleness bound of the reads one replica served, as the router knew it when it chose the replica.</summary>
public sealed record ServedStalenessReplica : ServedStalenessBound
{
    [Description("Replica name.")]
    [JsonPropertyOrder(-1)]
    public string Replica { get; init; } = "";
}
