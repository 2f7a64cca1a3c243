using System.Globalization;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// A <c>limits</c> run step by step, for the HTML and Markdown reports alike: target and achieved
/// write rate, WAL rate, each replica's lag (mean, p99, slope, and whether it fell behind), the
/// catch-up after the step, and each node's CPU. A figure that was not measured reads "n/a".
/// </summary>
public static class LimitsTable
{
    public const string Title = "Write limits";

    public const string Note =
        "Rate: the write rate asked for; achieved: what the primary committed. Lag: the primary's pg_stat_replication.replay_lag, sampled each second over the step; "
        + "slope: its least-squares trend in ms of lag per second, \"behind\" when the run's test (results.json limits.test) finds it significantly positive and at least 10 ms/s. "
        + "Catch-up: how long the replicas then took to replay the step's backlog. CPU: cores used (of the quota).";

    /// <summary>The column names: fixed columns, then one lag column per replica, then node CPU.</summary>
    public static IReadOnlyList<string> Headers(LimitsResults limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return ["Rate (writes/s)", "Achieved (writes/s)", "WAL (MiB/s)", .. Replicas(limits).Select(r => $"{r} lag mean / p99 (ms), slope (ms/s)"), "Catch-up (s)", "Node CPU"];
    }

    /// <summary>The Markdown alignment row for <see cref="Headers"/>.</summary>
    public static string Alignment(LimitsResults limits) =>
        "|" + string.Concat(Enumerable.Repeat("---:|", 3 + Replicas(limits).Count)) + "---:|---|";

    public static IReadOnlyList<string[]> Rows(LimitsResults limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var replicas = Replicas(limits);
        return
        [
            .. limits.Steps.Select(s => (string[])
            [
                Format.Number(s.Rate),
                Format.Number(s.AchievedRate),
                s.WalBytesPerSecond is { } wal ? (wal / (1024 * 1024)).ToString("0.00", CultureInfo.InvariantCulture) : "n/a",
                .. replicas.Select(r => s.Replicas.GetValueOrDefault(r) is { } t ? Lag(t) : "n/a"),
                s.CatchUpSeconds is { } c ? c.ToString("0.0", CultureInfo.InvariantCulture) + (s.CatchUpTimedOut ? " (gave up)" : "") : "n/a",
                s.Nodes.Count == 0 ? "n/a" : string.Join("; ", s.Nodes.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => Cpu(n.Key, n.Value))),
            ]),
        ];
    }

    private static List<string> Replicas(LimitsResults limits) =>
        [.. limits.Steps.SelectMany(s => s.Replicas.Keys).Concat(limits.SustainableWriteRate.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string Lag(ReplicaLagTrend trend) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Format.Number(trend.LagMeanMs)} / {Format.Number(trend.LagP99Ms)}, {trend.LagSlopeMsPerSecond:+0.0;-0.0;0.0}{(trend.FallingBehind ? " behind" : "")}");

    private static string Cpu(string node, LimitStepNodeCpu cpu) => cpu.QuotaCores is { } quota
        ? string.Create(CultureInfo.InvariantCulture, $"{node} {cpu.CoresUsed:0.###} of {quota:0.###}")
        : string.Create(CultureInfo.InvariantCulture, $"{node} {cpu.CoresUsed:0.###}");
}
