using ReplicaBench.Results;
using ReplicaBench.Runs.Settings;

namespace ReplicaBench.Runs.Merging;

/// <summary>
/// <c>replicabench merge DIR... --out DIR</c>: joins the run folders of the shards of one run
/// (<c>load --shard i/N</c>) into one run folder that report, compare and plan read like any other.
/// Latency figures come from the shards' interval logs added together (exact), counts are summed, and
/// <see cref="RunResults.Shards"/> records each shard's folder, host and settings. See
/// <see cref="CellMerger"/> for what every field becomes.
/// </summary>
public static class RunMerger
{
    /// <summary>Merges <paramref name="folders"/> into <paramref name="output"/> and returns the results written there.</summary>
    public static RunResults Merge(IReadOnlyList<string> folders, string output, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(output);
        if (folders.Count < 2)
        {
            throw new BadInputException($"merge needs the run folders of at least 2 shards (got {folders.Count}); e.g. replicabench merge shard-1 shard-2 --out merged.");
        }

        return MergeShards(folders, output, force);
    }

    /// <summary>
    /// <see cref="Merge"/> for any number of shards, one included: <c>load --agents 1</c> is a run of
    /// one shard whose folder is made the same way as that of many, so the two compare like for like.
    /// </summary>
    internal static RunResults MergeShards(IReadOnlyList<string> folders, string output, bool force)
    {
        var shards = folders.Select(ShardRun.Read).ToList();
        var duplicate = shards.GroupBy(s => s.Folder, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new BadInputException($"'{duplicate.Key}' is given twice; give each shard's run folder once.");
        }

        var outputFolder = Path.GetFullPath(output);
        if (shards.Any(s => s.Folder == outputFolder))
        {
            throw new BadInputException($"--out {output} is one of the shards' folders; merge into a new folder, e.g. --out merged.");
        }

        if (File.Exists(outputFolder) || (RunFolder.HoldsRun(outputFolder) && !force))
        {
            throw new BadInputException($"--out {output} is a file or already holds a run (results.json); choose another folder, or add --force to replace it.");
        }

        ShardCompatibility.Check(shards);
        var logs = shards[0].Results.Cells.Select((cell, i) => ReadLogs(shards, i)).ToList();

        RunFolder.ClearPreviousRun(outputFolder);
        Directory.CreateDirectory(outputFolder);
        var cells = new List<CellResults>();
        for (var i = 0; i < logs.Count; i++)
        {
            var id = shards[0].Results.Cells[i].Id;
            var relative = $"cells/{id}/latency.hlog";
            Directory.CreateDirectory(Path.Combine(outputFolder, "cells", id));
            logs[i].Write(Path.Combine(outputFolder, relative));
            cells.Add(CellMerger.Merge([.. shards.Select(s => s.Results.Cells[i])], logs[i], relative));
        }

        var results = new RunResults
        {
            Run = RunInfo(shards),
            Cells = cells,
            Shards = [.. shards.Select(Record)],
        };
        ResultsFile.Write(Path.Combine(outputFolder, ResultsFile.FileName), results);
        return results;
    }

    private static MergedCellLog ReadLogs(IReadOnlyList<ShardRun> shards, int cell) =>
        MergedCellLog.Merge([.. shards.Select(shard =>
        {
            var results = shard.Results.Cells[cell];
            var relative = results.Files?.HistogramLog
                ?? throw new BadInputException($"cell {results.Id} of '{shard.Folder}' names no interval log; merge needs runs made with `replicabench load`, which writes cells/<id>/latency.hlog.");
            return ShardLog.Read(shard.CellFile(relative));
        })]);

    // The run is the first shard's (the one that seeded and probed), timed from the earliest start to
    // the latest finish, complete only when every shard is; its machine is named only when every shard
    // ran on the same one (the shards record holds each host); its settings drop the shard's own index.
    private static RunInfo RunInfo(IReadOnlyList<ShardRun> shards)
    {
        var first = shards[0].Results.Run;
        var machines = shards.Select(s => s.Results.Run.Machine).Distinct().ToList();
        return first with
        {
            Id = "merged-" + first.Id,
            StartedAt = shards.Select(s => s.Results.Run.StartedAt).Where(t => t is not null).Min(StringComparer.Ordinal),
            FinishedAt = shards.All(s => s.Results.Run.FinishedAt is not null) ? shards.Max(s => s.Results.Run.FinishedAt) : null,
            Complete = shards.All(s => s.Results.Run.Complete),
            Machine = machines.Count == 1 ? machines[0] : null,
            Settings = first.Settings.Where(p => p.Key != "shard").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };
    }

    private static MergedShard Record(ShardRun shard) => new()
    {
        Origin = shard.Folder,
        RunId = shard.Results.Run.Id,
        Shard = shard.Shard,
        StartedAt = shard.Results.Run.StartedAt,
        Host = shard.Results.Run.Machine,
        Settings = shard.Results.Run.Settings,
    };
}
