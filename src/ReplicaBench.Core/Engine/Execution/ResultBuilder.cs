using ReplicaBench.Engine.Recording;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Engine.Thresholds;

namespace ReplicaBench.Engine.Execution;

/// <summary>Turns the collector's phase totals into a <see cref="LoadRunResult"/> and checks the thresholds.</summary>
internal sealed class ResultBuilder(
    LoadScenario scenario,
    BucketLayout layout,
    ErrorKindCatalog errorKinds,
    RunClock clock,
    IntervalCollector collector)
{
    public LoadRunResult Build(
        RunStopReason reason,
        long stoppedAt,
        ArrivalSchedule? schedule,
        long abandoned,
        RunFiles? files,
        IReadOnlyList<string> warnings,
        GeneratorCpu? generatorCpu)
    {
        // The measured window ends when the run was told to stop; operations in flight then still
        // count, so N arrivals scheduled in D seconds give exactly N / D.
        var measuredStart = collector.MeasurementStart;
        var measured = measuredStart is { } start && start < stoppedAt ? clock.Between(start, stoppedAt) : TimeSpan.Zero;
        var warmUp = clock.Between(clock.StartTimestamp, measuredStart ?? stoppedAt);
        var totals = collector.Measured;

        var result = new LoadRunResult
        {
            Scenario = scenario.Name,
            Load = scenario.Load,
            WarmUpDuration = scenario.WarmUp,
            Duration = scenario.Duration,
            StartedAt = clock.StartedAt,
            MeasuredDuration = measured,
            StopReason = reason,
            Total = Stats(totals, measured, _ => true),
            Operations = Operations(totals, measured),
            Nodes = Nodes(totals, measured),
            ReadsByIntendedAndServed = ReadsByRoute(totals),
            ReadFallbacks = totals.ReadFallbacks,
            Buckets = [.. Enumerable.Range(0, layout.BucketCount)
                .Where(totals.HasData)
                .Select(bucket => new BucketResult(
                    layout.OperationName(layout.OperationOf(bucket)),
                    layout.NodeName(layout.NodeSlotOf(bucket)),
                    Stats(totals, measured, c => c == bucket)))],
            WarmUp = Stats(collector.WarmUp, warmUp, _ => true),
            Arrivals = schedule is null ? null : Arrivals(schedule, measured),
            VirtualUsers = new VirtualUserSpread([.. collector.MeasuredPerVirtualUser]),
            AbandonedOperations = abandoned,
            CancelledAtStop = collector.WarmUp.CancelledAtStop + totals.CancelledAtStop,
            TimeSeries = [.. collector.Points],
            Samples = [.. collector.Samples],
            Thresholds = [],
            Files = files,
            Warnings = warnings,
            GeneratorCpu = generatorCpu,
        };
        return result with { Thresholds = ThresholdEvaluator.Evaluate(scenario.Thresholds, result) };
    }

    private List<OperationResult> Operations(IntervalAggregate totals, TimeSpan measured)
    {
        var operations = new List<OperationResult>();
        for (var operation = 0; operation < layout.OperationCount; operation++)
        {
            var stats = Stats(totals, measured, bucket => layout.OperationOf(bucket) == operation);
            if (operation != layout.UnattributedOperation || stats.Completed > 0)
            {
                operations.Add(new OperationResult(layout.OperationName(operation), layout.OperationKindOf(operation), stats));
            }
        }

        return operations;
    }

    private List<NodeResult> Nodes(IntervalAggregate totals, TimeSpan measured)
    {
        var nodes = new List<NodeResult>();
        for (var index = 1; index <= layout.NodeSlots; index++)
        {
            var slot = index % layout.NodeSlots; // declared nodes first, "(none)" last
            var stats = Stats(totals, measured, bucket => layout.NodeSlotOf(bucket) == slot);
            if (slot == 0 && stats.Completed == 0 && stats.StaleChecked == 0)
            {
                continue;
            }

            nodes.Add(new NodeResult(
                layout.NodeName(slot),
                slot == 0 ? null : scenario.Nodes[slot - 1].Role,
                CountByKind(totals, slot, OperationKind.Read),
                CountByKind(totals, slot, OperationKind.Write),
                stats));
        }

        return nodes;
    }

    /// <summary>Non-zero (intended, served) pairs, declared nodes in topology order and "(none)" last on both sides.</summary>
    private List<IntendedServedCount> ReadsByRoute(IntervalAggregate totals)
    {
        var pairs = new List<IntendedServedCount>();
        for (var i = 1; i <= layout.NodeSlots; i++)
        {
            for (var s = 1; s <= layout.NodeSlots; s++)
            {
                var (intended, served) = (i % layout.NodeSlots, s % layout.NodeSlots);
                var reads = totals.ReadsByRoute[layout.RoutePair(intended, served)];
                if (reads > 0)
                {
                    pairs.Add(new IntendedServedCount(layout.NodeName(intended), layout.NodeName(served), reads));
                }
            }
        }

        return pairs;
    }

    private long CountByKind(IntervalAggregate totals, int slot, OperationKind kind)
    {
        long count = 0;
        for (var operation = 0; operation < layout.OperationCount; operation++)
        {
            if (layout.OperationKindOf(operation) == kind)
            {
                var bucket = layout.Bucket(operation, slot);
                count += totals.Counts.Succeeded[bucket] + totals.Counts.Failed[bucket];
            }
        }

        return count;
    }

    private ArrivalStats Arrivals(ArrivalSchedule schedule, TimeSpan measured)
    {
        var due = collector.ArrivalsByDuePhase[(int)RunPhase.Measurement];
        var seconds = measured.TotalSeconds;

        // Every arrival the pacer released was recorded once by the virtual user that started or
        // dropped it (an abandoned operation's start is counted by the run), or else it was still
        // waiting for a free virtual user when the window closed: the rest, dropped at the stop.
        var droppedAtStop = due.Scheduled - due.Started - due.Dropped;
        var target = seconds > 0 ? schedule.ExpectedArrivals(scenario.WarmUp, scenario.WarmUp + measured) / seconds : 0;
        return new ArrivalStats(
            TargetRate: target,
            AchievedRate: seconds > 0 ? due.Started / seconds : 0,
            Scheduled: due.Scheduled,
            Started: due.Started,
            Dropped: due.Dropped + droppedAtStop,
            DroppedAtStop: droppedAtStop,
            Late: due.Late,
            ScheduleLag: due.ScheduleLag is { } lag ? LatencySummary.From(lag) : LatencySummary.Empty,
            ScheduleLagHistogram: due.ScheduleLag ?? LatencyHistograms.CreateForTotal());
    }

    private OperationStats Stats(IntervalAggregate source, TimeSpan measured, Func<int, bool> include) =>
        new StatsBuilder(source, errorKinds).AddCells(include).Build(measured);
}
