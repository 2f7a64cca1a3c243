using System.Collections.Concurrent;

namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// What a cell's scripts did that the user should fix, said once per script however many virtual
/// users hit it: a script classified as a read that a replica refused as a write (SQLSTATE 25006),
/// and a script that failed in the client (a <see cref="ScriptRuntimeException"/>, e.g. division by
/// zero in <c>\set</c>, or a <c>\gset</c> query that returned no row).
/// </summary>
public sealed class ScriptWarnings
{
    private readonly ConcurrentDictionary<string, string> _misclassified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _failed = new(StringComparer.Ordinal);

    /// <summary>Notes that <paramref name="script"/> wrote on a replica; true the first time for that script.</summary>
    public bool ReportMisclassified(PgbenchScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        return _misclassified.TryAdd(script.Name, script.Source);
    }

    /// <summary>Notes the first client-side failure of <paramref name="script"/>; true the first time for that script.</summary>
    public bool ReportFailure(PgbenchScript script, ScriptRuntimeException failure)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(failure);
        return _failed.TryAdd(script.Name, failure.Message);
    }

    /// <summary>One line per script and problem, for the run's output and the cell's warnings.</summary>
    public IReadOnlyList<string> Warnings() =>
    [
        .. _misclassified.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s =>
            $"script '{s.Key}' ({s.Value}) was classified as a read but writes: a replica refused it (25006, read-only transaction); add a '-- replicabench: write' line to it so it runs on the primary."),
        .. _failed.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s =>
            $"script '{s.Key}' failed in the client, counted as error 'script-error': {s.Value}; fix the script."),
    ];
}
