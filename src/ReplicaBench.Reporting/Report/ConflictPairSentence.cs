using System.Globalization;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// The hot_standby_feedback trade-off in one sentence per pair of <c>long-reads</c> cells that differ
/// only in it (<c>load --hot-standby-feedback off,on</c>: ids <c>&lt;id&gt;-hsf-off</c> and
/// <c>&lt;id&gt;-hsf-on</c>): "r1-round-robin: hot_standby_feedback off: 12 long reads cancelled
/// (snapshot); on: 0 cancelled, the primary kept 4,000 more dead tuples (+1.2 MB)."
/// </summary>
internal static class ConflictPairSentence
{
    private const string Off = "-hsf-off";
    private const string On = "-hsf-on";

    public static IReadOnlyList<string> For(IReadOnlyList<CellResults> orderedCells)
    {
        var sentences = new List<string>();
        foreach (var off in orderedCells.Where(c => c.Conflicts is not null && c.HotStandbyFeedback == "off"))
        {
            var at = off.Id.IndexOf(Off, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var pairId = off.Id[..at] + On + off.Id[(at + Off.Length)..];
            if (orderedCells.FirstOrDefault(c => c.Id == pairId && c.Conflicts is not null && c.HotStandbyFeedback == "on") is { } on)
            {
                sentences.Add(Sentence(off.Id[..at] + off.Id[(at + Off.Length)..], off, on));
            }
        }

        return sentences;
    }

    internal static string Sentence(string pair, CellResults off, CellResults on)
    {
        var extraDead = (on.PrimaryTable?.DeadTuplesAfter ?? 0) - (off.PrimaryTable?.DeadTuplesAfter ?? 0);
        var extraBytes = (on.PrimaryTable?.SizeBytesAfter ?? 0) - (off.PrimaryTable?.SizeBytesAfter ?? 0);
        var kept = extraDead switch
        {
            > 0 => $"{Format.Integer(extraDead)} more dead tuples",
            < 0 => $"{Format.Integer(-extraDead)} fewer dead tuples",
            _ => "no more dead tuples",
        };
        var megabytes = (extraBytes / 1048576.0).ToString("+0.0;-0.0;+0.0", CultureInfo.InvariantCulture);
        return $"{pair}: hot_standby_feedback off: {Cancelled(off.Conflicts!.Client, "long reads cancelled")}; on: {Cancelled(on.Conflicts!.Client, "cancelled")}, the primary kept {kept} ({megabytes} MB).";
    }

    /// <summary><c>12 long reads cancelled (snapshot)</c>, <c>13 ... (12 snapshot, 1 bufferpin)</c>, or <c>0 cancelled</c>.</summary>
    private static string Cancelled(ConflictKindCounts client, string what)
    {
        var kinds = ConflictTable.Kinds(client).Where(k => k.Count > 0).ToList();
        var count = Format.Integer(client.Total);
        return kinds.Count switch
        {
            0 => $"0 {what}",
            1 => $"{count} {what} ({kinds[0].Name})",
            _ => $"{count} {what} ({string.Join(", ", kinds.Select(k => $"{Format.Integer(k.Count)} {k.Name}"))})",
        };
    }
}
