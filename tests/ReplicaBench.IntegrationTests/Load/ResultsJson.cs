using System.Text.Json;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>Reading a run's results.json the way the report tools do: by the contract's names.</summary>
internal static class ResultsJson
{
    public static JsonDocument Read(string runDirectory) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(runDirectory, "results.json")));

    public static Dictionary<string, JsonElement> CellsById(JsonDocument results) =>
        results.RootElement.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);

    public static long Reads(JsonElement cell, string role) =>
        cell.GetProperty("nodes").EnumerateArray()
            .Where(n => n.GetProperty("role").GetString() == role)
            .Sum(n => n.GetProperty("reads").GetInt64());

    public static long Writes(JsonElement cell, string role) =>
        cell.GetProperty("nodes").EnumerateArray()
            .Where(n => n.GetProperty("role").GetString() == role)
            .Sum(n => n.GetProperty("writes").GetInt64());
}
