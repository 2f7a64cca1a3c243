using System.Collections.Concurrent;

namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// Scripts classified as reads that a replica refused as writes (SQLSTATE 25006): every virtual
/// user reports here, and the run says so once per script, with the way out.
/// </summary>
public sealed class ScriptMisclassification
{
    private readonly ConcurrentDictionary<string, string> _scripts = new(StringComparer.Ordinal);

    /// <summary>Notes that <paramref name="script"/> wrote on a replica; true the first time for that script.</summary>
    public bool Report(PgbenchScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        return _scripts.TryAdd(script.Name, script.Source);
    }

    /// <summary>One line per misclassified script, for the run's output and the cell's warnings.</summary>
    public IReadOnlyList<string> Warnings() =>
    [
        .. _scripts.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s =>
            $"script '{s.Key}' ({s.Value}) was classified as a read but writes: a replica refused it (25006, read-only transaction); add a '-- replicabench: write' line to it so it runs on the primary."),
    ];
}
