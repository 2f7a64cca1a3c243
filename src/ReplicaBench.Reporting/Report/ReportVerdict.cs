using System.Globalization;
using ReplicaBench.Reporting.Charts;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// The report's opening in words, computed from the data: per topology larger than the baseline,
/// the best read-throughput change and its p99 change, then the stale-read rate per policy; then
/// errors, failed thresholds, an interrupted run, and the same-host caveat.
/// </summary>
public static class ReportVerdict
{
    public static IReadOnlyList<string> Compute(RunFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var lines = new List<string>();
        var cells = folder.Cells;
        var baseline = ReportBaseline.Find(cells);
        if (baseline is not null)
        {
            foreach (var replicas in cells.Select(c => c.Replicas).Where(r => r > baseline.Replicas).Distinct().Order())
            {
                lines.Add(TopologySentence(baseline, cells.Where(c => c.Replicas == replicas).ToArray(), replicas));
            }

            if (lines.Count == 0)
            {
                lines.Add($"Only {baseline.Replicas} replica(s) measured: {Format.Number(baseline.Throughput)} ops/s, p99 {Format.Ms(baseline.LatencyMs?.P99)} ({baseline.Policy}); add a larger topology to see scaling.");
            }

            if (EmulationSentence.For(folder.Load?.Run, cells) is { } emulation)
            {
                lines.Add(emulation);
            }

            var errors = cells.Where(c => c.Errors > 0).ToArray();
            lines.Add(errors.Length == 0
                ? "No errors in any cell."
                : "Errors: " + string.Join(", ", errors.Select(c => $"{Format.Integer(c.Errors)} in {c.Id}")) + ".");
            var failed = cells.SelectMany(c => c.Thresholds.Where(t => !t.Passed).Select(t => $"{t.Expression} in {c.Id} (actual {t.Actual ?? "?"})")).ToArray();
            if (failed.Length > 0)
            {
                lines.Add("Thresholds failed: " + string.Join(", ", failed) + ".");
            }
        }

        if (folder.Micro.Count > 0)
        {
            var fastest = folder.Micro.MinBy(b => b.MeanNs)!;
            var slowest = folder.Micro.MaxBy(b => b.MeanNs)!;
            lines.Add(folder.Micro.Count == 1
                ? $"Microbenchmark: {fastest.Label} {Format.Duration(fastest.MeanNs)} per operation."
                : $"Microbenchmarks: {folder.Micro.Count} measured, from {fastest.Label} at {Format.Duration(fastest.MeanNs)} to {slowest.Label} at {Format.Duration(slowest.MeanNs)} per operation.");
        }

        if (folder.RoutingOverhead is { } overhead && overhead.Policies.Where(p => !p.Reference).ToArray() is { Length: > 0 } policies)
        {
            var within = policies.Where(RoutingOverheadTable.WithinGoal).Select(p => p.Policy).ToArray();
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Routing overhead (CPU per read vs plain reads of the same servers): {within.Length} of {policies.Length} policies within 5% or 1 µs{(within.Length > 0 ? " (" + string.Join(", ", within) + ")" : "")}; most {policies.Max(p => p.OverheadMicrosPerOperation):+0.00;-0.00} µs ({policies.MaxBy(p => p.OverheadMicrosPerOperation)!.Policy})."));
        }

        if (folder.Load is { Run.Scenario: ScriptScenarioName } scripts)
        {
            lines.Add(scripts.Run.Settings.TryGetValue("noSeed", out var noSeed) && noSeed.ValueKind == System.Text.Json.JsonValueKind.True
                ? ScriptsCaveat + " The database was used as it was (--no-seed): the suite's own table was neither created nor touched."
                : ScriptsCaveat);
        }

        if (folder.Load is { Run.WritesAllowed: false })
        {
            lines.Add(ReadOnlyCaveat);
        }

        if (folder.Load?.Run.Pooler is { } pooler)
        {
            lines.Add(PoolerSentence(pooler));
        }

        if (folder.Load is { Run.Complete: false })
        {
            lines.Add("The run was interrupted: only the cells that finished are shown.");
        }

        if (folder.Load is { Run.SameHost: true } load)
        {
            lines.Add(load.Run.Emulation?.NodeCpus is { Length: > 0 } ? EmulationSentence.Caveat : SameHostCaveat);
        }

        return lines;
    }

    /// <summary>What the pooler means for the numbers: every operation went through it, without server-side prepared statements.</summary>
    public static string PoolerSentence(PoolerInfo pooler) =>
        $"Connections went through {pooler.Name} in transaction mode{(pooler.DefaultPoolSize is { } size ? string.Create(CultureInfo.InvariantCulture, $" (default_pool_size {size} server connections per node)") : "")}: latencies include the pooler's hop, and statements ran unprepared (a transaction pooler cannot keep server-side prepared statements).";

    /// <summary>The scenario name of a run of the user's own scripts (<c>load --script</c>).</summary>
    public const string ScriptScenarioName = "script";

    public const string ScriptsCaveat =
        "The load was your own scripts: their reads are not checked row by row (the rows are yours, with no versions the suite wrote), so staleness here is the visibility probe's write-to-visible delay and the servers' replay lag.";

    public const string ReadOnlyCaveat =
        "Read-only run: the topology allowed no writes, so the suite wrote nothing (no seeding, no visibility probe, no writes in the load). Client-observed staleness needs writes to observe, so the staleness shown is the servers' own replay lag (pg_stat_replication); a topology brought up with --allow-writes measures it.";

    public const string SameHostCaveat =
        "All nodes ran on the load machine: the replicas shared the same CPUs, memory and disk as the primary and the load generator, so the scaling shown is not that of separate hosts.";

    private static string TopologySentence(CellResults baseline, IReadOnlyList<CellResults> cells, int replicas)
    {
        var baselineReads = baseline.ReadThroughput ?? baseline.Throughput;
        var best = cells.MaxBy(c => c.ReadThroughput ?? c.Throughput)!;
        var parts = new List<string>();
        if (baselineReads > 0)
        {
            parts.Add($"{Format.SignedPercent(((best.ReadThroughput ?? best.Throughput) / baselineReads) - 1)} read throughput ({best.Policy})");
        }

        if (best.LatencyMs?.P99 is { } p99 && baseline.LatencyMs?.P99 is { } baseP99 && baseP99 > 0)
        {
            parts.Add($"p99 {Format.SignedPercent((p99 / baseP99) - 1)}");
        }

        var stale = cells.Where(c => c.StaleReads is not null).OrderBy(c => c.Policy, StringComparer.Ordinal)
            .Select(c => c.StaleReads == 0 ? $"0 under {c.Policy}" : $"{Format.Percent(c.StaleReadRate ?? 0)} under {c.Policy}")
            .ToArray();
        if (stale.Length > 0)
        {
            parts.Add("stale reads " + string.Join(", ", stale));
        }

        return $"{replicas} replica{(replicas == 1 ? "" : "s")} vs {baseline.Label}: {string.Join("; ", parts)}.";
    }
}
