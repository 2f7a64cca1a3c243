using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// Compares a candidate run with a baseline, cell by cell (matched by id; the repeats of
/// <c>load --repeat</c>, <c>&lt;id&gt;#k</c>, are judged together) and benchmark by benchmark
/// (full name and parameters). A change is a regression only when it is worse by more than the
/// minimum change (or a percentile's <see cref="TailRule"/>) AND its 95% interval excludes no change:
/// throughput and percentiles by a moving-block bootstrap of the cell's intervals plus the
/// between-run floor, or a t-interval over repeats (<see cref="RatioEstimate"/>); error and
/// stale-read rates by the exact Poisson rate ratio of their counts (<see cref="RateMetric"/>);
/// microbenchmarks by BenchmarkDotNet's confidence intervals. Runs of different scenarios or
/// mixes, or with nothing in common, are refused as bad input: comparing them would mean nothing.
/// </summary>
public static class RunComparer
{
    // Seeds: a run's cells draw from their own streams (baseline and candidate never share one,
    // or identical runs would cancel their own noise); every comparison is reproducible.
    private const int BaselineSeed = 1_000;
    private const int CandidateSeed = 2_000;
    private const int BetweenRunSeed = 3_000;

    private static readonly ILoadMetric[] Metrics =
    [
        new ThroughputMetric(),
        new PercentileMetric("p50", 50, l => l.P50, p => p.P50Ms),
        new PercentileMetric("p99", 99, l => l.P99, p => p.P99Ms),
        new PercentileMetric("p99.9", 99.9, l => l.P999, null),
        new RateMetric("error rate", c => (c.Errors, c.Operations + c.Errors)),
        new RateMetric("stale-read rate", StaleCounts),
    ];

    public static ComparisonResult Compare(RunFolder baseline, RunFolder candidate, double minimumChange)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        return Compare([baseline], [candidate], minimumChange);
    }

    /// <summary>
    /// Compares cells gathered from several runs on each side (e.g. one run per replica count, made
    /// on different nights): each cell comes from the one run of its side that has it, and the
    /// result names that run per cell.
    /// </summary>
    public static ComparisonResult Compare(IReadOnlyList<RunFolder> baselines, IReadOnlyList<RunFolder> candidates, double minimumChange)
    {
        ArgumentNullException.ThrowIfNull(baselines);
        ArgumentNullException.ThrowIfNull(candidates);
        RunMatch.EnsureAlike("baseline", baselines);
        RunMatch.EnsureAlike("candidate", candidates);
        RunMatch.Ensure(baselines[0], candidates[0]);
        var changes = new List<MetricChange>();
        var baseCells = Repeats("baseline", baselines);
        var candidateCells = Repeats("candidate", candidates);
        foreach (var id in baseCells.Keys.Intersect(candidateCells.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var b = baseCells[id].Repeats.Select(r => CellEvidence.Load(baseCells[id].Folder.Directory, r.Cell, r.Repeat, BaselineSeed + r.Repeat)).ToArray();
            var c = candidateCells[id].Repeats.Select(r => CellEvidence.Load(candidateCells[id].Folder.Directory, r.Cell, r.Repeat, CandidateSeed + r.Repeat)).ToArray();
            for (var m = 0; m < Metrics.Length; m++)
            {
                if (Metrics[m].Compare(id, b, c, minimumChange, BetweenRunSeed + m) is { } change)
                {
                    changes.Add(change);
                }
            }
        }

        var baseMicro = baselines.SelectMany(f => f.Micro).GroupBy(b => b.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var candidateMicro = candidates.SelectMany(f => f.Micro).GroupBy(b => b.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var key in baseMicro.Keys.Intersect(candidateMicro.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            changes.Add(BenchmarkChange.Of(baseMicro[key], candidateMicro[key], minimumChange));
        }

        if (changes.Count == 0)
        {
            throw new BadInputException("the runs do not match: no cell id and no benchmark is in both; compare runs of the same matrix (same replicas and policies).");
        }

        var several = baselines.Count > 1 || candidates.Count > 1;
        return new ComparisonResult(
            string.Join(" + ", baselines.Select(Name)),
            string.Join(" + ", candidates.Select(Name)),
            minimumChange,
            changes,
            baseCells.Keys.Except(candidateCells.Keys, StringComparer.Ordinal).Concat(baseMicro.Keys.Except(candidateMicro.Keys, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToArray(),
            candidateCells.Keys.Except(baseCells.Keys, StringComparer.Ordinal).Concat(candidateMicro.Keys.Except(baseMicro.Keys, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToArray())
        {
            CellRuns = several
                ? baseCells.Keys.Intersect(candidateCells.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
                    .ToDictionary(id => id, id => (Name(baseCells[id].Folder), Name(candidateCells[id].Folder)), StringComparer.Ordinal)
                : null,
        };
    }

    /// <summary>Each cell id of a side with the run it comes from and its repeats; a cell measured by two runs of the same side is refused.</summary>
    private static Dictionary<string, (RunFolder Folder, (CellResults Cell, int Repeat)[] Repeats)> Repeats(string side, IReadOnlyList<RunFolder> folders)
    {
        var cells = new Dictionary<string, (RunFolder Folder, (CellResults Cell, int Repeat)[] Repeats)>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var group in folder.Cells.Select(c => (Cell: c, Id: CellRepeat.Parse(c.Id))).GroupBy(c => c.Id.BaseId, StringComparer.Ordinal))
            {
                if (cells.TryGetValue(group.Key, out var other))
                {
                    throw new BadInputException(
                        $"cell {group.Key} is in two {side} runs ({other.Folder.Directory} and {folder.Directory}); give each cell from one run, e.g. one run per replica count.");
                }

                cells[group.Key] = (folder, group.OrderBy(c => c.Id.Repeat).Select(c => (c.Cell, c.Id.Repeat)).ToArray());
            }
        }

        return cells;
    }

    // The stale-read rate's denominator is the reads checked; files that do not record it give it
    // back through the rate, and a cell with no stale read through its reads.
    private static (long Events, double Exposure)? StaleCounts(CellResults cell)
    {
        if (cell.StaleReads is not { } stale)
        {
            return null;
        }

        if (cell.StaleChecked is { } checkedReads)
        {
            return (stale, checkedReads);
        }

        return cell.StaleReadRate is { } rate && rate > 0 ? (stale, stale / rate) : (stale, (cell.ReadThroughput ?? 0) * cell.DurationSeconds);
    }

    private static string Name(RunFolder folder) => folder.Load?.Run.Id is { Length: > 0 } id ? $"run {id}" : folder.Directory;
}
