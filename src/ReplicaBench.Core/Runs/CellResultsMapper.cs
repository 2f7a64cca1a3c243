using ReplicaBench.Engine;
using ReplicaBench.Engine.Memory;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Results;
using ReplicaBench.Workload;
using static ReplicaBench.Runs.ResultsFigures;


namespace ReplicaBench.Runs;

/// <summary>
/// Maps one finished matrix cell onto the contract's <see cref="CellResults"/>. Every count covers
/// the measured window; what the cell did not measure (staleness with no checked read, latency of a
/// second in which nothing completed, the open model's figures in a closed run) is null.
/// </summary>
internal static class CellResultsMapper
{
    public static CellResults From(MatrixCell cell)
    {
        var result = cell.Result;
        var total = result.Total;
        var seconds = result.MeasuredDuration.TotalSeconds;
        var checkedReads = total.StaleChecked > 0;
        var generator = CpuResultsMapper.Generator(result.GeneratorCpu, total.Completed, cell.Cpu);
        var nodes = result.Nodes.Select(n => CpuResultsMapper.WithCpu(Node(n), cell.Cpu)).ToList();
        var timeSeries = TimeSeries(result.TimeSeries);
        return new CellResults
        {
            Id = cell.Id,
            Repeat = cell.Repeat,
            Replicas = cell.Replicas,
            Policy = cell.Policy,
            Scenario = cell.Scenario,
            Mix = Mix(cell.Mix),
            Partial = result.IsPartial,
            DurationSeconds = Round(seconds),
            WarmUpSeconds = Round(result.WarmUpDuration.TotalSeconds),
            Operations = total.Succeeded,
            Throughput = Round(total.Throughput),
            ReadThroughput = PerSecond(Succeeded(result, OperationKind.Read), seconds),
            WriteThroughput = PerSecond(Succeeded(result, OperationKind.Write), seconds),
            LatencyMs = Latency(total.Latency),
            Errors = total.Failed,
            HighErrorRate = HighErrorRate.For(total.Succeeded, total.Failed),
            CancelledAtStop = result.CancelledAtStop,
            ErrorsByKind = Sorted(total.ErrorsByKind),
            StalledSeconds = StalledSeconds.In(timeSeries),
            StaleChecked = total.StaleChecked,
            StaleReads = checkedReads ? total.StaleReads : null,
            StaleReadRate = Measured(total.StaleReadRate, 6),
            ReadYourWritesViolations = checkedReads ? total.ReadYourWritesViolations : null,
            ReadYourWritesChecked = checkedReads ? total.ReadYourWritesChecked : null,
            ReadYourWritesViolationRate = Measured(total.ReadYourWritesViolationRate, 6),
            StaleAgeMs = Age(total.StaleAge),
            Late = result.Arrivals?.Late,
            Dropped = result.Arrivals?.Dropped,
            TargetRate = Measured(result.Arrivals?.TargetRate),
            AchievedRate = Measured(result.Arrivals?.AchievedRate),
            Scheduled = result.Arrivals?.Scheduled,
            Started = result.Arrivals?.Started,
            DroppedAtStop = result.Arrivals?.DroppedAtStop,
            LateThresholdMs = result.Arrivals is null ? null : ArrivalStats.LateThreshold.TotalMilliseconds,
            ScheduleLagMs = result.Arrivals is { Started: > 0 } arrivals ? Latency(arrivals.ScheduleLag) : null,
            VirtualUsers = new VirtualUserResults
            {
                Count = result.VirtualUsers.Operations.Count,
                MinOperations = result.VirtualUsers.Min,
                MaxOperations = result.VirtualUsers.Max,
            },
            Nodes = nodes,
            OperationsByType = [.. result.Operations.Select(Operation)],
            Routing = new RoutingResults
            {
                Fallbacks = cell.Fallbacks,
                IntendedVsServed = cell.IntendedVsServed,
            },
            Memory = Memory(MemoryGrowth.From(result)),
            Generator = generator,
            WalBytesPerSecond = cell.WalBytesPerSecond is { } wal ? Math.Round(wal, 1) : null,
            HotStandbyFeedback = cell.HotStandbyFeedback is { } on ? (on ? "on" : "off") : null,
            LongReadSeconds = cell.Conflicts is { } figures ? Round(figures.LongRead.TotalSeconds) : null,
            Conflicts = ConflictResultsMapper.Conflicts(cell.Conflicts),
            PrimaryTable = ConflictResultsMapper.PrimaryTable(cell.Conflicts),
            Warnings = [.. CpuResultsMapper.Warnings(generator, nodes), .. cell.Warnings],
            TimeSeries = timeSeries,
            ServedStaleness = StalenessMapper.Served(cell.ServedStaleness),
            CatchUp = StalenessMapper.CatchUp(cell.CatchUp),
            Lag = [.. cell.Lag.Select(p => new ReplicaLagPoint(Round(p.T), p.Replica, Measured(p.ReplayLagMs), p.ByteLag, Measured(p.ReplayAgeMs)))],
            Visibility = [.. cell.Visibility.Select(StalenessMapper.Visibility)],
            Thresholds = [.. result.Thresholds.Select(t => new ThresholdResult(t.Threshold.Text, t.ActualText, t.Passed))],
            Faults = cell.Faults ?? [],
            Files = new CellFiles { HistogramLog = cell.HistogramLog, Series = cell.Series },
        };
    }

    private static long Succeeded(LoadRunResult result, OperationKind kind) =>
        result.Operations.Where(o => o.Kind == kind).Sum(o => o.Stats.Succeeded);

    private static double? PerSecond(long count, double seconds) => seconds > 0 ? Round(count / seconds) : null;

    private static IReadOnlyDictionary<string, int>? Mix(WorkloadMix? mix) =>
        mix?.Weights.ToDictionary(w => w.Operation.Name(), w => w.Percent, StringComparer.Ordinal);

    private static NodeResults Node(NodeResult node) => new()
    {
        Name = node.Name,
        Role = node.Role switch { NodeRole.Primary => "primary", NodeRole.Replica => "replica", _ => "unknown" },
        Reads = node.Reads,
        Writes = node.Writes,
        Errors = node.Stats.Failed,
        ErrorsByKind = node.Stats.Failed == 0 ? null : Sorted(node.Stats.ErrorsByKind),
        LatencyMs = Latency(node.Stats.Latency),
    };

    private static OperationTypeResults Operation(OperationResult operation) => new()
    {
        Operation = operation.Name,
        Count = operation.Stats.Succeeded,
        Errors = operation.Stats.Failed,
        StaleChecked = operation.Stats.StaleChecked,
        StaleReads = operation.Stats.StaleReads,
        ReadYourWritesChecked = operation.Stats.ReadYourWritesChecked,
        ReadYourWritesViolations = operation.Stats.ReadYourWritesViolations,
        LatencyMs = Latency(operation.Stats.Latency),
    };

    private static MemoryResults? Memory(MemoryGrowth? memory) => memory is null
        ? null
        : new MemoryResults { WorkingSetMB = Series(memory.WorkingSet), ManagedHeapMB = Series(memory.ManagedHeap), Samples = memory.Samples };

    private static MemorySeriesResults Series(MemorySeriesSummary series) => new()
    {
        Baseline = Round(series.Baseline, 1),
        Max = Round(series.Max, 1),
        End = Round(series.End, 1),
        Growth = Round(series.Growth, 1),
        MaxGrowth = Round(series.MaxGrowth, 1),
    };

    // t counts from the start of the measured window and marks each second's end, like the lag samples' t.
    private static IReadOnlyList<CellSecond> TimeSeries(IReadOnlyList<TimeSeriesPoint> points)
    {
        var measured = points.Where(p => p.Phase == RunPhase.Measurement).ToArray();
        var origin = measured.Length > 0 ? measured[0].Start : TimeSpan.Zero;
        return [.. measured.Select(p => new CellSecond(
            Round((p.End - origin).TotalSeconds),
            Round(p.Throughput),
            p.Latency.Count == 0 ? null : Ms(p.Latency.P50),
            p.Latency.Count == 0 ? null : Ms(p.Latency.P99),
            p.Failed,
            p.StaleReads))];
    }
}
