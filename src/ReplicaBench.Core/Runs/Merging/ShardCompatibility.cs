using System.Text.Json;
using ReplicaBench.Results;

namespace ReplicaBench.Runs.Merging;

/// <summary>
/// What shards must share to be one run: the same settings (but the shard's own index and start
/// time), the same topology and the same cells in the same order. Anything else would add up
/// figures of different experiments, so merge refuses it with one line.
/// </summary>
internal static class ShardCompatibility
{
    /// <summary>Settings that differ from shard to shard by design: which shard it is and when its cells start.</summary>
    public static readonly IReadOnlySet<string> PerShardSettings = new HashSet<string>(StringComparer.Ordinal) { "shard", "startAt" };

    public static void Check(IReadOnlyList<ShardRun> shards)
    {
        var first = shards[0];
        foreach (var other in shards.Skip(1))
        {
            var problem = SettingsDifference(first.Results.Run, other.Results.Run)
                ?? TopologyDifference(first.Results.Run, other.Results.Run)
                ?? CellsDifference(first.Results.Cells, other.Results.Cells);
            if (problem is not null)
            {
                throw new BadInputException($"cannot merge '{other.Folder}' with '{first.Folder}': {problem}; merge only the shards of one `load --shard i/N` run, made with the same settings.");
            }
        }
    }

    private static string? SettingsDifference(RunInfo first, RunInfo other)
    {
        var keys = first.Settings.Keys.Union(other.Settings.Keys, StringComparer.Ordinal)
            .Where(k => !PerShardSettings.Contains(k))
            .Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var a = Text(first.Settings, key);
            var b = Text(other.Settings, key);
            if (a != b)
            {
                return $"setting {key} differs ({a} vs {b})";
            }
        }

        return null;
    }

    private static string? TopologyDifference(RunInfo first, RunInfo other)
    {
        if (first.Provider != other.Provider)
        {
            return $"the topology provider differs ({first.Provider ?? "none"} vs {other.Provider ?? "none"})";
        }

        if (first.Postgres?.Version != other.Postgres?.Version)
        {
            return $"the PostgreSQL server differs ({first.Postgres?.Version ?? "unknown"} vs {other.Postgres?.Version ?? "unknown"})";
        }

        // Compared as JSON: the records hold lists, which record equality compares by reference.
        return first.WritesAllowed != other.WritesAllowed
            || Json(first.Pooler, ResultsJsonContext.Default.PoolerInfo) != Json(other.Pooler, ResultsJsonContext.Default.PoolerInfo)
            || Json(first.Emulation, ResultsJsonContext.Default.EmulationInfo) != Json(other.Emulation, ResultsJsonContext.Default.EmulationInfo)
            ? "the topology differs (writes allowed, pooler or emulated node sizes)"
            : null;
    }

    private static string? CellsDifference(IReadOnlyList<CellResults> first, IReadOnlyList<CellResults> other)
    {
        if (first.Count != other.Count)
        {
            return $"the runs have {first.Count} and {other.Count} cells";
        }

        for (var i = 0; i < first.Count; i++)
        {
            var (a, b) = (first[i], other[i]);
            if (a.Id != b.Id || a.Replicas != b.Replicas || a.Policy != b.Policy || a.Scenario != b.Scenario || a.Repeat != b.Repeat)
            {
                return $"cell {i + 1} differs ({a.Id} vs {b.Id})";
            }
        }

        return null;
    }

    private static string Json<T>(T? value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class => value is null ? "null" : JsonSerializer.Serialize(value, type);

    private static string Text(IReadOnlyDictionary<string, JsonElement> settings, string key) =>
        settings.TryGetValue(key, out var value) ? value.GetRawText() : "absent";
}
