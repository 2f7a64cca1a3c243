using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplicaBench.Cli.Output;

/// <summary>JSON settings for everything the CLI writes to stdout with --json.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
