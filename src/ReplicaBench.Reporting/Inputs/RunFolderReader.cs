using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Inputs;

/// <summary>
/// Reads a run folder: <c>results.json</c> (the load runner's contract), BenchmarkDotNet's
/// <c>micro/results/*-report-full.json</c> and the routing-overhead step's <c>micro/routing-overhead.json</c>. Every problem the user can fix (no results, a corrupt
/// or truncated file, a newer schema) becomes one <see cref="BadInputException"/> line that names
/// the file and, for broken JSON, the line and byte where reading stopped.
/// </summary>
public static class RunFolderReader
{
    public const string ResultsFileName = ResultsFile.FileName;

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
        var overheadFile = Path.Combine(path, "micro", RoutingOverheadFile.FileName);
        var overhead = File.Exists(overheadFile) ? RoutingOverheadFile.Read(overheadFile) : null;
        if (load is null && microFiles.Length == 0 && overhead is null)
        {
            throw new BadInputException($"no results in '{path}': neither {ResultsFileName} nor micro/results/*-report-full.json nor micro/{RoutingOverheadFile.FileName}; pass the folder a load or bench run wrote.");
        }

        var micro = microFiles.SelectMany(BenchmarkDotNetReader.Read).ToArray();
        return new RunFolder(Path.GetFullPath(path), load, micro) { RoutingOverhead = overhead };
    }

    /// <summary>Reads and validates one results.json (the contract's own reader).</summary>
    public static RunResults ReadResults(string file) => ResultsFile.Read(file);
}
