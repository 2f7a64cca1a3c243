using System.Text.Json;

namespace ReplicaBench.Reporting.Results;

/// <summary>
/// Reads a run folder: <c>results.json</c> (the load runner's contract) and/or BenchmarkDotNet's
/// <c>micro/results/*-report-full.json</c>. Every problem the user can fix (no results, a corrupt
/// or truncated file, a newer schema) becomes one <see cref="BadInputException"/> line that names
/// the file and, for broken JSON, the line and byte where reading stopped.
/// </summary>
public static class RunFolderReader
{
    public const string ResultsFileName = "results.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
    };

    /// <summary>Reads <paramref name="path"/>: a run folder, or a results.json file directly.</summary>
    public static RunFolder Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (File.Exists(path))
        {
            return new RunFolder(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", ReadResults(path), []);
        }

        if (!Directory.Exists(path))
        {
            throw new BadInputException($"run folder '{path}' does not exist; pass the folder a load or bench run wrote (it holds results.json or micro/results/).");
        }

        var resultsFile = Path.Combine(path, ResultsFileName);
        var load = File.Exists(resultsFile) ? ReadResults(resultsFile) : null;
        var microDirectory = Path.Combine(path, "micro", "results");
        var microFiles = Directory.Exists(microDirectory)
            ? Directory.GetFiles(microDirectory, "*-report-full.json").Order(StringComparer.Ordinal).ToArray()
            : [];
        if (load is null && microFiles.Length == 0)
        {
            throw new BadInputException($"no results in '{path}': neither {ResultsFileName} nor micro/results/*-report-full.json; pass the folder a load or bench run wrote.");
        }

        var micro = microFiles.SelectMany(BenchmarkDotNetReader.Read).ToArray();
        return new RunFolder(Path.GetFullPath(path), load, micro);
    }

    /// <summary>Reads and validates one results.json.</summary>
    public static RunResults ReadResults(string file)
    {
        using var document = JsonFiles.Parse(file);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BadInputException($"results file '{file}' is not a JSON object; it is not a ReplicaBench results.json.");
        }

        if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var schemaVersion))
        {
            throw new BadInputException($"results file '{file}' has no numeric schemaVersion; it is not a ReplicaBench results.json.");
        }

        if (schemaVersion > RunResults.SupportedSchemaVersion)
        {
            throw new BadInputException(
                $"results file '{file}' has schemaVersion {schemaVersion}, newer than the {RunResults.SupportedSchemaVersion} this replicabench reads; update replicabench to report on it.");
        }

        RunResults? results;
        try
        {
            results = root.Deserialize<RunResults>(Options);
        }
        catch (JsonException ex)
        {
            throw new BadInputException($"results file '{file}' has an unexpected value at {ex.Path ?? "$"}; regenerate it or fix that field.", ex);
        }

        if (results is null)
        {
            throw new BadInputException($"results file '{file}' is empty (null); re-run the load to regenerate it.");
        }

        if (results.Cells.Count == 0 && results.Run.Complete)
        {
            throw new BadInputException($"results file '{file}' is marked complete but has no cells; re-run the load to regenerate it.");
        }

        var duplicate = results.Cells.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new BadInputException($"results file '{file}' has two cells with id '{duplicate.Key}'; cell ids must be unique.");
        }

        return results;
    }
}
