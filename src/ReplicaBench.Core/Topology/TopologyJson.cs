using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplicaBench.Topology;

/// <summary>The one set of JSON settings for topology.json (camelCase, indented, enums as words).</summary>
internal static class TopologyJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
