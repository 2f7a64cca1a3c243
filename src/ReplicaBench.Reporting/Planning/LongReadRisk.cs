using ReplicaBench.Reporting.Report;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Planning;

/// <summary>
/// The plan's statement of the conflict risk for long reads on replicas: what the runs' long-reads
/// cells measured (recovery cancellations, by hot_standby_feedback), or, without such cells, that it
/// was not measured, what decides it, and how to measure it.
/// </summary>
internal static class LongReadRisk
{
    public static IReadOnlyList<string> Statements(IReadOnlyList<CellResults> cells, RunSources sources)
    {
        var measured = cells.Where(c => c.Conflicts is not null).ToList();
        if (measured.Count == 0)
        {
            return
            [
                "Long reads on replicas: not measured by these runs. With hot_standby_feedback off, a read on a replica that runs longer than max_standby_streaming_delay while the primary " +
                "vacuums rows its snapshot still needs is cancelled by recovery (SQLSTATE 40001); with it on, no read is cancelled and the primary keeps those rows (bloat). " +
                "Measure both with 'replicabench load --scenario long-reads --long-read <your longest replica query> --hot-standby-feedback off,on' and pass that run to plan.",
            ];
        }

        var statements = new List<string>();
        foreach (var cell in measured)
        {
            var conflicts = cell.Conflicts!;
            var feedback = cell.HotStandbyFeedback is { } value ? $"hot_standby_feedback {value}" : "hot_standby_feedback as the topology had it";
            var length = cell.LongReadSeconds is { } seconds ? $"{Format.Number(seconds)} s" : "long";
            var outcome = conflicts.Client.Total == 0
                ? "no read was cancelled"
                : $"{Format.Integer(conflicts.Client.Total)} reads were cancelled by recovery ({string.Join(", ", ConflictTable.Kinds(conflicts.Client).Where(k => k.Count > 0).Select(k => $"{Format.Integer(k.Count)} {k.Name}"))})";
            statements.Add($"Long reads on replicas, {cell.Id}{sources.Of(cell)} ({length} reads, {feedback}): {outcome}; the replicas counted {Format.Integer(conflicts.Server.Total)}.");
        }

        statements.AddRange(ConflictPairSentence.For(cells).Select(s => "Trade-off: " + s));
        if (measured.Any(c => c.Conflicts!.Client.Total > 0))
        {
            statements.Add("Reads on replicas that run longer than max_standby_streaming_delay need hot_standby_feedback on (at the cost of bloat on the primary), or belong on the primary.");
        }

        return statements;
    }
}
