using ReplicaBench.Results;

namespace ReplicaBench.Runs.Merging;

/// <summary>One shard's run folder as merge reads it: where it is and its results.json.</summary>
internal sealed record ShardRun(string Folder, RunResults Results)
{
    public static ShardRun Read(string folder)
    {
        var full = Path.GetFullPath(folder);
        var file = Path.Combine(full, ResultsFile.FileName);
        if (!File.Exists(file))
        {
            throw new BadInputException($"'{folder}' holds no run (no {ResultsFile.FileName}); give merge the run folders that `replicabench load --shard i/N` wrote.");
        }

        return new ShardRun(full, ResultsFile.Read(file));
    }

    /// <summary>The shard's <c>shard</c> setting (e.g. 1/2), null for a run made without one.</summary>
    public string? Shard => Results.Run.Settings.TryGetValue("shard", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String
        ? value.GetString()
        : null;

    /// <summary>The absolute path of one of the cell's files, given relative to the run folder.</summary>
    public string CellFile(string relative) => Path.Combine(Folder, relative);
}
