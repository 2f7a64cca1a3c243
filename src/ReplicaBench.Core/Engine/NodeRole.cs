using System.Text.Json.Serialization;

namespace ReplicaBench.Engine;

/// <summary>What a node is in the replication topology. Serialized as <c>primary</c> / <c>replica</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NodeRole>))]
public enum NodeRole
{
    /// <summary>Accepts writes; the source of the WAL stream.</summary>
    [JsonStringEnumMemberName("primary")]
    Primary,

    /// <summary>A hot standby replaying the primary's WAL (asynchronous streaming replication).</summary>
    [JsonStringEnumMemberName("replica")]
    Replica,
}
