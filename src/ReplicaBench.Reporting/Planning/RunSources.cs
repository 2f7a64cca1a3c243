using System.Globalization;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Planning;

/// <summary>
/// Which run each cell came from, when a plan rests on several runs (e.g. one per replica count,
/// made on different nights): every figure the plan quotes names its run. With one run it adds nothing.
/// </summary>
internal sealed class RunSources
{
    private readonly Dictionary<CellResults, string> _runs = new(ReferenceEqualityComparer.Instance);
    private readonly bool _several;

    public RunSources(IReadOnlyList<RunFolder> folders)
    {
        _several = folders.Count > 1;
        foreach (var folder in folders)
        {
            foreach (var cell in folder.Cells)
            {
                _runs[cell] = Name(folder);
            }
        }
    }

    /// <summary>" [run 20261205-230000]" after a cell's label; empty with one run.</summary>
    public string Of(CellResults cell) => _several && _runs.TryGetValue(cell, out var run) ? $" [run {run}]" : "";

    /// <summary>A closing sentence naming the run a recommendation rests on; empty with one run.</summary>
    public string Sentence(CellResults cell) => _several && _runs.TryGetValue(cell, out var run) ? $" This rests on run {run} (cell {cell.Id})." : "";

    /// <summary>One assumption line: every run, where it is, and what it measured.</summary>
    public static string Origins(IReadOnlyList<RunFolder> folders) =>
        $"The figures come from {folders.Count} runs, judged side by side (each cell as measured in its own run, on its own machine and day): " +
        string.Join("; ", folders.Select(f => string.Create(
            CultureInfo.InvariantCulture,
            $"{Name(f)} ({f.Directory}, {f.Load!.Run.StartedAt ?? "start not recorded"}, provider {f.Load.Run.Provider ?? "not recorded"}): {string.Join(", ", f.Cells.Select(c => c.Replicas).Distinct().Order())} replica(s)"))) + ".";

    private static string Name(RunFolder folder) =>
        string.IsNullOrEmpty(folder.Load?.Run.Id) ? Path.GetFileName(folder.Directory.TrimEnd('/')) : folder.Load!.Run.Id;
}
