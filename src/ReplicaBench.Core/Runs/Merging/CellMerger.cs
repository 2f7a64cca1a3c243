using ReplicaBench.Engine.RunResults;
using ReplicaBench.Results;
using static ReplicaBench.Runs.ResultsFigures;

namespace ReplicaBench.Runs.Merging;

/// <summary>
/// One cell of a merged run from the same cell of every shard. What each field becomes:
/// <list type="bullet">
/// <item>counts (operations, errors and their kinds, cancelled, stale and read-your-writes checks, open-model
/// arrivals, per node, per operation type, routed reads, fallbacks): summed;</item>
/// <item>rates (throughput, read/write throughput, achieved rate): the summed counts over the cell's duration
/// (the longest shard's, which with <c>--start-at</c> is every shard's); the target rate: summed, each shard
/// scheduled its share; the stale-read and read-your-writes rates: the summed counts' ratio;</item>
/// <item>latency, stale-age and schedule-lag percentiles (cell, node, operation type, per second): read from
/// the shards' interval logs added interval by interval (<see cref="MergedCellLog"/>), exact;</item>
/// <item>the per-second series: summed by t (throughput, errors, stale reads), its p50/p99 from the added logs;</item>
/// <item>virtual users: counts summed, the fewest and most operations of one user over all shards;</item>
/// <item>the generator's CPU: seconds, cores used and cores summed (the agents' total), µs per operation over
/// the merged operations, saturated when any shard's was, since that shard then set the pace;</item>
/// <item>the generator's memory: not merged (null): each shard's is a different process, and a sum of working
/// sets means nothing; each shard's folder keeps its own;</item>
/// <item>what the servers measured, which every shard would see alike and only shard 1 takes (lag samples,
/// visibility probe, catch-up wait, faults, node CPU): taken from the first shard that has it, and the node's
/// CPU per operation recomputed over the merged operations;</item>
/// <item>served staleness (the router's bound per read): reads and unbounded reads summed, the largest bound
/// kept, its p50/p99 null because the logs do not hold those bounds and an average of percentiles is not one;</item>
/// <item>thresholds: left out, since a shard's verdict is not the merged run's; a warning says so;</item>
/// <item>warnings: every shard's, once each.</item>
/// </list>
/// </summary>
internal static class CellMerger
{
    public static CellResults Merge(IReadOnlyList<CellResults> cells, MergedCellLog log, string histogramLog)
    {
        var first = cells[0];
        var seconds = cells.Max(c => c.DurationSeconds);
        var operations = cells.Sum(c => c.Operations);
        var staleChecked = SumOrNull(cells, c => c.StaleChecked);
        var staleReads = SumOrNull(cells, c => c.StaleReads);
        var rywChecked = SumOrNull(cells, c => c.ReadYourWritesChecked);
        var rywViolations = SumOrNull(cells, c => c.ReadYourWritesViolations);
        var started = SumOrNull(cells, c => c.Started);
        var nodes = Nodes(cells, log, seconds);
        var thresholds = cells.SelectMany(c => c.Thresholds).Select(t => t.Expression).Distinct(StringComparer.Ordinal).ToList();
        return first with
        {
            Partial = cells.Any(c => c.Partial),
            DurationSeconds = seconds,
            Operations = operations,
            Throughput = PerSecond(operations, seconds) ?? 0,
            ReadThroughput = RateSum(cells, c => c.ReadThroughput, seconds),
            WriteThroughput = RateSum(cells, c => c.WriteThroughput, seconds),
            LatencyMs = Percentiles(log.Latency()),
            Errors = cells.Sum(c => c.Errors),
            CancelledAtStop = cells.Sum(c => c.CancelledAtStop),
            ErrorsByKind = Sorted(cells.SelectMany(c => c.ErrorsByKind).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal)),
            StaleChecked = staleChecked,
            StaleReads = staleReads,
            StaleReadRate = staleChecked is > 0 ? Round((double)(staleReads ?? 0) / staleChecked.Value, 6) : null,
            ReadYourWritesChecked = rywChecked,
            ReadYourWritesViolations = rywViolations,
            ReadYourWritesViolationRate = rywChecked is > 0 ? Round((double)(rywViolations ?? 0) / rywChecked.Value, 6) : null,
            StaleAgeMs = Age(LatencySummary.From(log.StaleAge())),
            Late = SumOrNull(cells, c => c.Late),
            Dropped = SumOrNull(cells, c => c.Dropped),
            TargetRate = cells.All(c => c.TargetRate is null) ? null : Round(cells.Sum(c => c.TargetRate ?? 0)),
            AchievedRate = started is { } s && first.AchievedRate is not null ? PerSecond(s, seconds) : null,
            Scheduled = SumOrNull(cells, c => c.Scheduled),
            Started = started,
            DroppedAtStop = SumOrNull(cells, c => c.DroppedAtStop),
            ScheduleLagMs = started is > 0 ? Percentiles(log.ScheduleLag()) : null,
            VirtualUsers = VirtualUsers(cells),
            Nodes = nodes,
            OperationsByType = Operations(cells, log),
            Routing = Routing(cells),
            Memory = null,
            Generator = Generator(cells, operations),
            // The primary's WAL rate is the whole run's, whichever shard read it.
            WalBytesPerSecond = cells.Select(c => c.WalBytesPerSecond).FirstOrDefault(w => w is not null),
            Warnings = [.. cells.SelectMany(c => c.Warnings).Distinct(StringComparer.Ordinal),
                .. thresholds.Count == 0 ? [] : new[] { $"thresholds ({string.Join(", ", thresholds)}) are not evaluated on a merged run: each shard's folder holds its own verdicts." }],
            TimeSeries = MergedSeries.Sum(cells, log),
            ServedStaleness = ServedStaleness(cells),
            CatchUp = cells.Select(c => c.CatchUp).FirstOrDefault(c => c is not null),
            Lag = cells.Select(c => c.Lag).FirstOrDefault(l => l.Count > 0) ?? [],
            Visibility = cells.Select(c => c.Visibility).FirstOrDefault(v => v.Count > 0) ?? [],
            Thresholds = [],
            Faults = cells.Select(c => c.Faults).FirstOrDefault(f => f.Count > 0) ?? [],
            Files = new CellFiles { HistogramLog = histogramLog },
        };
    }

    public static LatencyPercentiles Percentiles(HdrHistogram.HistogramBase histogram) => Latency(LatencySummary.From(histogram));

    private static double? PerSecond(long count, double seconds) => seconds > 0 ? Round(count / seconds) : null;

    // A shard's read (write) throughput is its successful reads over its duration: back to a count, summed, over the merged duration.
    private static double? RateSum(IReadOnlyList<CellResults> cells, Func<CellResults, double?> rate, double seconds) =>
        cells.All(c => rate(c) is null) || seconds <= 0
            ? null
            : Round(cells.Sum(c => Math.Round((rate(c) ?? 0) * c.DurationSeconds)) / seconds);

    private static long? SumOrNull(IReadOnlyList<CellResults> cells, Func<CellResults, long?> count) =>
        cells.All(c => count(c) is null) ? null : cells.Sum(c => count(c) ?? 0);

    private static VirtualUserResults? VirtualUsers(IReadOnlyList<CellResults> cells)
    {
        var users = cells.Select(c => c.VirtualUsers).OfType<VirtualUserResults>().ToList();
        return users.Count == 0 ? null : new VirtualUserResults
        {
            Count = users.Sum(u => u.Count),
            MinOperations = users.Min(u => u.MinOperations),
            MaxOperations = users.Max(u => u.MaxOperations),
        };
    }

    private static List<NodeResults> Nodes(IReadOnlyList<CellResults> cells, MergedCellLog log, double seconds) =>
    [
        .. cells.SelectMany(c => c.Nodes).GroupBy(n => n.Name, StringComparer.Ordinal).Select(g =>
        {
            var measured = g.FirstOrDefault(n => n.CpuCoresUsed is not null) ?? g.First();
            var served = g.Sum(n => n.Reads + n.Writes);
            return measured with
            {
                Reads = g.Sum(n => n.Reads),
                Writes = g.Sum(n => n.Writes),
                Errors = g.Sum(n => n.Errors),
                LatencyMs = Percentiles(log.NodeLatency(g.Key)),
                CpuMicrosPerOperation = measured.CpuCoresUsed is { } cores && served > 0 ? Round(cores * seconds * 1_000_000 / served) : null,
            };
        }),
    ];

    private static List<OperationTypeResults> Operations(IReadOnlyList<CellResults> cells, MergedCellLog log) =>
    [
        .. cells.SelectMany(c => c.OperationsByType).GroupBy(o => o.Operation, StringComparer.Ordinal).Select(g => g.First() with
        {
            Count = g.Sum(o => o.Count),
            Errors = g.Sum(o => o.Errors),
            StaleChecked = g.All(o => o.StaleChecked is null) ? null : g.Sum(o => o.StaleChecked ?? 0),
            StaleReads = g.Sum(o => o.StaleReads),
            ReadYourWritesChecked = g.All(o => o.ReadYourWritesChecked is null) ? null : g.Sum(o => o.ReadYourWritesChecked ?? 0),
            ReadYourWritesViolations = g.All(o => o.ReadYourWritesViolations is null) ? null : g.Sum(o => o.ReadYourWritesViolations ?? 0),
            LatencyMs = Percentiles(log.OperationLatency(g.Key)),
        }),
    ];

    private static RoutingResults? Routing(IReadOnlyList<CellResults> cells)
    {
        var routing = cells.Select(c => c.Routing).OfType<RoutingResults>().ToList();
        return routing.Count == 0 ? null : new RoutingResults
        {
            Fallbacks = routing.Sum(r => r.Fallbacks),
            IntendedVsServed = [.. routing.SelectMany(r => r.IntendedVsServed)
                .GroupBy(p => (p.Intended, p.Served))
                .Select(g => new RoutedReads(g.Key.Intended, g.Key.Served, g.Sum(p => p.Reads)))],
        };
    }

    private static GeneratorResults? Generator(IReadOnlyList<CellResults> cells, long operations)
    {
        var generators = cells.Select(c => c.Generator).OfType<GeneratorResults>().ToList();
        if (generators.Count == 0)
        {
            return null;
        }

        var cpuSeconds = generators.Sum(g => g.CpuSeconds);
        return new GeneratorResults
        {
            CpuSeconds = Round(cpuSeconds),
            CoresUsed = Round(generators.Sum(g => g.CoresUsed)),
            Cores = generators.Sum(g => g.Cores),
            CoresLeft = generators.All(g => g.CoresLeft is null) ? null : Round(generators.Sum(g => g.CoresLeft ?? g.Cores)),
            CpuMicrosPerOperation = operations > 0 ? Round(cpuSeconds * 1_000_000 / operations) : null,
            Saturated = generators.Any(g => g.Saturated),
        };
    }

    private static ServedStalenessResults? ServedStaleness(IReadOnlyList<CellResults> cells)
    {
        var served = cells.Select(c => c.ServedStaleness).OfType<ServedStalenessResults>().ToList();
        return served.Count == 0 ? null : new ServedStalenessResults
        {
            Reads = served.Sum(s => s.Reads),
            Unbounded = served.Sum(s => s.Unbounded),
            MaxMs = served.Max(s => s.MaxMs),
            Replicas = [.. served.SelectMany(s => s.Replicas).GroupBy(r => r.Replica, StringComparer.Ordinal).Select(g => new ServedStalenessReplica
            {
                Replica = g.Key,
                Reads = g.Sum(r => r.Reads),
                Unbounded = g.Sum(r => r.Unbounded),
                MaxMs = g.Max(r => r.MaxMs),
            })],
        };
    }
}
