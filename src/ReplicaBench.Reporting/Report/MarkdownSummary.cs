using System.Globalization;
using System.Text;
using System.Text.Json;
using ReplicaBench.Reporting.Charts;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// The report as Markdown tables that paste into a pull request. Deterministic: invariant culture,
/// fixed ordering, nothing from the clock — the same results give byte-identical text.
/// </summary>
public static class MarkdownSummary
{
    /// <summary>The summary of <paramref name="folder"/>, headed by <paramref name="verdict"/>; with <paramref name="charts"/> (written beside summary.md) linked as images with their captions.</summary>
    public static string Render(RunFolder folder, IReadOnlyList<string> verdict, IReadOnlyList<RenderedChart>? charts = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(verdict);
        var md = new StringBuilder();
        var run = folder.Load?.Run;
        md.Append("# ReplicaBench report");
        md.Append(run is null ? "\n\n" : $": run {run.Id}\n\n");
        if (HeadlineSentence.For(folder.Cells) is { } headline)
        {
            md.Append("**").Append(headline).Append("**\n\n");
        }

        foreach (var line in verdict)
        {
            md.Append("- ").Append(line).Append('\n');
        }

        foreach (var warning in CellWarnings.Lines(folder.Cells))
        {
            md.Append("\n> **Warning:** ").Append(warning);
        }

        ErrorRateFlags.AppendMarkdown(md, folder.Cells);
        if (folder.Load?.Limits is { } limits)
        {
            md.Append("\n## ").Append(LimitsTable.Title).Append("\n\n");
            foreach (var sentence in LimitsSentence.For(run, limits))
            {
                md.Append("- ").Append(sentence).Append('\n');
            }

            AppendTable(md, null, LimitsTable.Headers(limits), LimitsTable.Rows(limits), LimitsTable.Note, LimitsTable.Alignment(limits));
        }

        var cells = Ordered(folder.Cells);
        if (cells.Count > 0)
        {
            md.Append("\n## Cells\n\n");
            md.Append("| Cell | Replicas | Policy | Throughput (ops/s) | Reads/s | Writes/s | p50 (ms) | p99 (ms) | p99.9 (ms) | Errors | Stale reads | Stale-read rate | RYW violations |\n");
            md.Append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var c in cells)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {c.Id} | {c.Replicas} | {c.Policy} | {Format.Number(c.Throughput)} | {Format.Number(c.ReadThroughput)} | {Format.Number(c.WriteThroughput)} | ")
                    .Append(CultureInfo.InvariantCulture, $"{Format.Number(c.LatencyMs?.P50)} | {Format.Number(c.LatencyMs?.P99)} | {Format.Number(c.LatencyMs?.P999)} | {Format.Integer(c.Errors)} | ")
                    .Append(CultureInfo.InvariantCulture, $"{(c.StaleReads is { } s ? Format.Integer(s) : "n/a")} | {(c.StaleReadRate is { } r ? Format.Percent(r) : "n/a")} | {(c.ReadYourWritesViolations is { } v ? Format.Integer(v) : "n/a")} |\n");
            }
        }

        AppendTable(md, OperationTypeTable.Title, OperationTypeTable.Headers, OperationTypeTable.Rows(cells), OperationTypeTable.Note, "|---|---|---:|---:|---:|---:|---:|---:|");
        AppendTable(md, "CPU", CpuTable.Headers, CpuTable.Rows(cells), CpuTable.Note, "|---|---:|---:|---|---|");
        AppendTable(md, "Faults", FaultTable.Headers, FaultTable.Rows(cells), FaultTable.Note, "|---|---|---|---|---:|---:|---:|---:|");
        AppendTable(md, ConflictTable.Title, ConflictTable.Headers, ConflictTable.Rows(cells), ConflictTable.Note(cells), "|---|---|---:|---|---|---:|---:|---:|---:|");

        var visibility = cells.SelectMany(c => c.Visibility.Select(v => (Cell: c, V: v))).ToArray();
        if (visibility.Length > 0)
        {
            md.Append("\n## Visibility delay (client-observed, ms)\n\n");
            md.Append("| Cell | Replica | Samples | p50 | p90 | p99 | max |\n|---|---|---:|---:|---:|---:|---:|\n");
            foreach (var (cell, v) in visibility)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {cell.Id} | {v.Replica} | {Format.Integer(v.Samples)} | {Format.Number(v.P50Ms)} | {Format.Number(v.P90Ms)} | {Format.Number(v.P99Ms)} | {Format.Number(v.MaxMs)} |\n");
            }
        }

        if (folder.Micro.Count > 0)
        {
            md.Append("\n## Microbenchmarks\n\n");
            md.Append("| Benchmark | Mean | CI lower | CI upper | Allocated/op |\n|---|---:|---:|---:|---:|\n");
            foreach (var b in folder.Micro.OrderBy(b => b.Key, StringComparer.Ordinal))
            {
                md.Append(CultureInfo.InvariantCulture, $"| {b.Label} | {Format.Duration(b.MeanNs)} | {Format.Duration(b.CiLowerNs)} | {Format.Duration(b.CiUpperNs)} | {(b.AllocatedBytesPerOperation is { } a ? Format.Integer(a) + " B" : "n/a")} |\n");
            }
        }

        if (folder.RoutingOverhead is { } overhead)
        {
            AppendTable(md, RoutingOverheadTable.Title, RoutingOverheadTable.Headers, RoutingOverheadTable.Rows(overhead), RoutingOverheadTable.Note(overhead), "|---|---:|---|---:|---:|---:|---|---:|---|");
        }

        if (charts is not null)
        {
            MarkdownCharts.Append(md, charts, ReportCharts.Omitted(folder));
        }

        if (run is not null)
        {
            md.Append("\n## Settings and machine\n\n| Setting | Value |\n|---|---|\n");
            foreach (var (name, value) in Settings(run, folder.Load?.Shards))
            {
                md.Append(CultureInfo.InvariantCulture, $"| {name} | {value.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
            }
        }

        return md.ToString();
    }

    /// <summary>Cells in report order: by topology, then policy.</summary>
    public static IReadOnlyList<CellResults> Ordered(IReadOnlyList<CellResults> cells) =>
        cells.OrderBy(c => c.Replicas).ThenBy(c => c.Policy, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal).ToArray();

    /// <summary>Settings and machine facts as (name, value) rows, secrets masked, settings sorted by name.</summary>
    public static IReadOnlyList<(string Name, string Value)> Settings(RunInfo run, IReadOnlyList<MergedShard>? shards = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var rows = new List<(string, string)>();
        foreach (var (name, value) in run.Settings.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            rows.Add((name, SecretScrubber.Scrub(SettingText(value))));
        }

        rows.Add(("provider", run.Provider ?? "n/a"));
        if (run.ServerSettings?.Primary is { Count: > 0 } primary)
        {
            rows.Add(("primary settings", ServerSettingsText(primary)));
        }

        if (run.ServerSettings?.Replicas is { Count: > 0 } replicas)
        {
            rows.Add(("replica settings", ServerSettingsText(replicas)));
        }

        rows.Add(("same host", run.SameHost ? "yes (replicas shared the load machine's CPUs)" : "no"));
        rows.Add(("complete", run.Complete ? "yes" : "no (interrupted)"));
        rows.Add(("started / finished (UTC)", $"{run.StartedAt ?? "n/a"} / {run.FinishedAt ?? "n/a"}"));
        rows.Add(("PostgreSQL", run.Postgres?.Version ?? "n/a"));
        rows.Add(("machine", run.Machine is { } m
            ? $"{m.Processor ?? "?"}, {(m.Cores is { } cores ? cores.ToString(CultureInfo.InvariantCulture) : "?")} cores, {(m.MemoryGiB is { } mem ? Format.Number(mem) : "?")} GiB, {m.Os ?? "?"}"
            : "n/a"));
        rows.Add(("ReplicaBench", run.Suite is { } s ? $"{s.Version ?? "?"} ({s.Commit ?? "?"})" : "n/a"));
        if (shards is { Count: > 0 })
        {
            // A merged run (replicabench merge): its machine row is n/a when the shards ran on several.
            rows.Add(("shards (merged)", string.Join("; ", shards.Select(shard =>
                $"{shard.Shard ?? shard.RunId} on {shard.Host?.HostName ?? "?"} ({(shard.Host?.Cores is { } cores ? cores.ToString(CultureInfo.InvariantCulture) : "?")} cores), from {shard.Origin}"))));
        }

        return rows;
    }

    private static string ServerSettingsText(IReadOnlyDictionary<string, string> settings) =>
        SecretScrubber.Scrub(string.Join(", ", settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}")));

    private static string SettingText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "–",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(SettingText)),
        _ => value.GetRawText(),
    };

    // A table under its own heading, or under the one just written when title is null.
    private static void AppendTable(StringBuilder md, string? title, IReadOnlyList<string> headers, IReadOnlyList<string[]> rows, string note, string alignment)
    {
        if (rows.Count == 0)
        {
            return;
        }

        md.Append(title is null ? "\n" : $"\n## {title}\n\n");
        md.Append("| ").Append(string.Join(" | ", headers)).Append(" |\n").Append(alignment).Append('\n');
        foreach (var row in rows)
        {
            md.Append("| ").Append(string.Join(" | ", row.Select(v => v.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
        }

        md.Append('\n').Append(note).Append('\n');
    }
}
