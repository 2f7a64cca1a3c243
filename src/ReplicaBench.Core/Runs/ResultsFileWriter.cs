using System.Globalization;
using System.Text.Json;
using ReplicaBench.Results;

namespace ReplicaBench.Runs;

/// <summary>
/// Writes a matrix run's <c>results.json</c>: the run and its cells mapped onto the one contract
/// (<see cref="RunResults"/>) and written by <see cref="ResultsFile"/>, the same code that reads it.
/// Rewritten in full after every cell, atomically.
/// </summary>
public static class ResultsFileWriter
{
    /// <summary>The file name inside the run folder.</summary>
    public const string FileName = ResultsFile.FileName;

    /// <summary>Writes the whole document to <paramref name="path"/> atomically.</summary>
    /// <returns>What it wrote, so the caller reads the mapped cells instead of mapping them again.</returns>
    public static RunResults Write(string path, RunMetadata run, IReadOnlyDictionary<string, object?> settings, IReadOnlyList<MatrixCell> cells)
    {
        var results = Build(run, settings, cells);
        ResultsFile.Write(path, results);
        return results;
    }

    /// <summary>Writes the whole document to a string (for tests and tools).</summary>
    public static string ToJson(RunMetadata run, IReadOnlyDictionary<string, object?> settings, IReadOnlyList<MatrixCell> cells) =>
        ResultsFile.ToJson(Build(run, settings, cells));

    /// <summary>The run as the contract's records.</summary>
    public static RunResults Build(RunMetadata run, IReadOnlyDictionary<string, object?> settings, IReadOnlyList<MatrixCell> cells)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(cells);
        return new RunResults
        {
            SchemaVersion = RunResults.CurrentSchemaVersion,
            Run = new RunInfo
            {
                Id = run.Id,
                StartedAt = Timestamp(run.StartedAt),
                FinishedAt = run.FinishedAt is { } finished ? Timestamp(finished) : null,
                Complete = run.Complete,
                Suite = new SuiteInfo(run.Suite.Version, run.Suite.Commit),
                Machine = run.Machine,
                Postgres = new PostgresInfo(run.PostgresVersion),
                Provider = run.Provider,
                SameHost = run.SameHost,
                WritesAllowed = run.WritesAllowed,
                Emulation = run.Emulation,
                Pooler = run.Pooler,
                ServerSettings = run.ServerSettings,
                Shard = run.Shard is { } shard ? shard with { CellStarts = [.. cells.Where(c => c.ShardStart is not null).Select(ShardStart)] } : null,
                Settings = Settings(settings),
            },
            Cells = [.. cells.Select(CellResultsMapper.From)],
        };
    }

    private static Dictionary<string, JsonElement> Settings(IReadOnlyDictionary<string, object?> settings)
    {
        var element = JsonSerializer.SerializeToElement(settings, SettingsJsonContext.Default.IReadOnlyDictionaryStringObject);
        return element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    private static ShardCellStart ShardStart(MatrixCell cell) => new()
    {
        Cell = cell.Id,
        PlannedAt = Precise(cell.ShardStart!.Value.Planned),
        StartedAt = Precise(cell.ShardStart.Value.Started),
    };

    /// <summary>Milliseconds: shards' starts are compared to within tens of them.</summary>
    private static string Precise(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
