using System.Globalization;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// The recovery-conflicts table shared by summary.md and index.html (cells of scenario
/// <c>long-reads</c>): the measured window's cancelled reads as the client counted them and as the
/// replicas did, by kind, the primary's table before and after, and the long reads' own rate and
/// latency; under it, a sentence per hot_standby_feedback pair (<see cref="ConflictPairSentence"/>).
/// </summary>
internal static class ConflictTable
{
    public const string Title = "Recovery conflicts";

    public static readonly string[] Headers =
    [
        "Cell", "hot_standby_feedback", "Long read (s)", "Cancelled (client)", "Conflicts (server)", "Dead tuples before → after", "Table size before → after", "Long reads/s", "p50 (ms)",
    ];

    /// <summary>The rows, cells in report order; empty when no cell measured conflicts.</summary>
    public static IReadOnlyList<string[]> Rows(IReadOnlyList<CellResults> orderedCells) =>
    [
        .. orderedCells.Where(c => c.Conflicts is not null).Select(c => new[]
        {
            c.Id,
            c.HotStandbyFeedback ?? "as the topology has it",
            Format.Number(c.LongReadSeconds),
            ByKind(c.Conflicts!.Client),
            ByKind(c.Conflicts.Server),
            c.PrimaryTable is { } t ? $"{Format.Integer(t.DeadTuplesBefore)} → {Format.Integer(t.DeadTuplesAfter)}" : "n/a",
            c.PrimaryTable is { } s ? $"{Megabytes(s.SizeBytesBefore)} → {Megabytes(s.SizeBytesAfter)}" : "n/a",
            Format.Number(c.ReadThroughput),
            Format.Number(c.LatencyMs?.P50),
        }),
    ];

    /// <summary>The pair sentences, then what the figures mean.</summary>
    public static string Note(IReadOnlyList<CellResults> orderedCells)
    {
        var sentences = ConflictPairSentence.For(orderedCells);
        return string.Concat(sentences.Select(s => s + " ")) +
            "Cancelled (client): long reads that ended with SQLSTATE 40001 'conflict with recovery', by the kind in the error's detail (also in the errors, as recovery-conflict-<kind>). " +
            "Conflicts (server): pg_stat_database_conflicts over the same window, summed over the replicas; it also counts other sessions of the database, so it can exceed the client's. " +
            "Dead tuples after: what the primary's last vacuum had to keep (a replica's snapshot held them through hot_standby_feedback). See docs/limits.md.";
    }

    /// <summary>Non-zero kinds, e.g. <c>snapshot 12, bufferpin 1</c>; <c>0</c> when none.</summary>
    internal static string ByKind(ConflictKindCounts counts)
    {
        var kinds = Kinds(counts).Where(k => k.Count > 0).Select(k => $"{k.Name} {Format.Integer(k.Count)}").ToList();
        return kinds.Count == 0 ? "0" : string.Join(", ", kinds);
    }

    internal static IEnumerable<(string Name, long Count)> Kinds(ConflictKindCounts counts) =>
    [
        ("snapshot", counts.Snapshot), ("lock", counts.Lock), ("bufferpin", counts.Bufferpin), ("deadlock", counts.Deadlock), ("tablespace", counts.Tablespace), ("other", counts.Other),
    ];

    /// <summary>Bytes as PostgreSQL's <c>pg_size_pretty</c> counts megabytes (1,048,576 bytes), one decimal.</summary>
    internal static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
