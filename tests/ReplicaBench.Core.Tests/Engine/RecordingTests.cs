using HdrHistogram;
using ReplicaBench.Engine;
using ReplicaBench.Engine.Recording;
using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Engine;

public sealed class RecordingTests
{
    private static readonly LoadScenario TwoOperations = LoadScenario.Create("mix", (_, _) => default)
        .WithOperations(new OperationDefinition("read", OperationKind.Read), new OperationDefinition("write", OperationKind.Write))
        .WithNodes([new NodeDefinition("primary", NodeRole.Primary), new NodeDefinition("replica1", NodeRole.Replica)]);

    [Fact]
    public void The_sum_of_the_interval_histograms_equals_the_histogram_of_everything_recorded()
    {
        var layout = new BucketLayout(TwoOperations);
        var recorder = new VirtualUserRecorder(layout, new ErrorKindCatalog());
        var all = new LongHistogram(1, 3_600_000_000, 3);
        var merged = new IntervalAggregate(layout);
        var random = new Random(11);
        var read = LoadOutcome.Success(new OperationId(0), new NodeId(1));

        for (var interval = 0; interval < 7; interval++)
        {
            for (var i = 0; i < 5_000; i++)
            {
                // Log-normal-ish latencies from 10 µs to tens of ms, as a database gives.
                var value = (long)Math.Exp(random.NextDouble() * 8 + 2.3);
                recorder.RecordCompleted(read, value);
                all.RecordValue(value);
            }

            SwapInto(recorder, merged);
        }

        var bucket = layout.Bucket(0, 2);
        var total = merged.Latency[bucket]!;
        Assert.Equal(all.TotalCount, total.TotalCount);
        Assert.Equal(35_000, merged.Counts.Succeeded[bucket]);
        foreach (var percentile in new[] { 50.0, 90, 99, 99.9, 100 })
        {
            Assert.Equal(all.GetValueAtPercentile(percentile), total.GetValueAtPercentile(percentile));
        }

        foreach (var value in all.RecordedValues().Select(v => v.ValueIteratedTo))
        {
            Assert.Equal(all.GetCountAtValue(value), total.GetCountAtValue(value));
        }
    }

    [Fact]
    public async Task Nothing_is_lost_or_counted_twice_while_the_collector_swaps_under_concurrent_recording()
    {
        const int Users = 4;
        const int PerUser = 200_000;
        var layout = new BucketLayout(TwoOperations);
        var catalog = new ErrorKindCatalog();
        var recorders = Enumerable.Range(0, Users).Select(_ => new VirtualUserRecorder(layout, catalog)).ToArray();
        var merged = new IntervalAggregate(layout);
        var outcome = LoadOutcome.Success(new OperationId(1), new NodeId(0), StalenessObservation.Stale(5));
        var failure = LoadOutcome.Failure(new OperationId(1), new NodeId(0), "timeout");
        var finished = 0;

        var writers = recorders.Select(recorder => Task.Run(() =>
        {
            for (var i = 0; i < PerUser; i++)
            {
                recorder.RecordCompleted(i % 10 == 0 ? failure : outcome, i % 1000);
            }

            Interlocked.Increment(ref finished);
        }, TestContext.Current.CancellationToken)).ToArray();

        var swaps = 0;
        while (Volatile.Read(ref finished) < Users || swaps == 0)
        {
            foreach (var recorder in recorders)
            {
                SwapInto(recorder, merged);
            }

            swaps++;
        }

        await Task.WhenAll(writers);
        foreach (var recorder in recorders)
        {
            SwapInto(recorder, merged);
        }

        var bucket = layout.Bucket(1, 1);
        Assert.Equal(Users * PerUser, merged.Completed);
        Assert.Equal(Users * PerUser * 9 / 10, merged.Counts.Succeeded[bucket]);
        Assert.Equal(Users * PerUser / 10, merged.Counts.Failed[bucket]);
        Assert.Equal(Users * PerUser * 9 / 10, merged.Latency[bucket]!.TotalCount);
        Assert.Equal(Users * PerUser * 9 / 10, merged.StaleAge[bucket]!.TotalCount);
        Assert.Equal(Users * PerUser / 10, merged.Errors[(bucket * ErrorKindCatalog.Capacity) + catalog.Intern("timeout")]);
    }

    [Fact]
    public void Undeclared_ids_are_counted_as_unattributed_failures_instead_of_crashing_the_user()
    {
        var layout = new BucketLayout(TwoOperations);
        var catalog = new ErrorKindCatalog();
        var recorder = new VirtualUserRecorder(layout, catalog);

        recorder.RecordCompleted(LoadOutcome.Success(new OperationId(7), new NodeId(0)), 10);
        recorder.RecordCompleted(LoadOutcome.Success(new OperationId(0), new NodeId(9)), 10);

        var interval = SwapInto(recorder, new IntervalAggregate(layout));
        var bucket = layout.Bucket(layout.UnattributedOperation, 0);
        Assert.Equal(2, interval.Counts.Failed[bucket]);
        Assert.Equal(2, interval.Errors[(bucket * ErrorKindCatalog.Capacity) + catalog.Intern("invalid-outcome")]);
    }

    [Fact]
    public void Error_kinds_beyond_the_catalog_capacity_are_counted_as_other()
    {
        var catalog = new ErrorKindCatalog();
        for (var i = 0; i < ErrorKindCatalog.Capacity + 10; i++)
        {
            catalog.Intern($"kind-{i}");
        }

        Assert.Equal(ErrorKindCatalog.Capacity - 1, catalog.Count);
        Assert.Equal(ErrorKindCatalog.Capacity - 1, catalog.Intern("kind-70"));
        Assert.Equal("other", catalog.Name(catalog.Intern("one-more")));
        Assert.Equal(5, catalog.Intern("kind-5"));
    }

    [Fact]
    public void Values_outside_the_trackable_range_are_clamped_not_thrown()
    {
        var layout = new BucketLayout(TwoOperations);
        var recorder = new VirtualUserRecorder(layout, new ErrorKindCatalog());

        recorder.RecordCompleted(LoadOutcome.Success(new OperationId(0)), long.MaxValue);
        recorder.RecordCompleted(LoadOutcome.Success(new OperationId(0)), -5);

        var histogram = SwapInto(recorder, new IntervalAggregate(layout)).Latency[layout.Bucket(0, 0)]!;
        Assert.Equal(2, histogram.TotalCount);
        Assert.Equal(1, histogram.GetCountAtValue(0));
        Assert.Equal(1, histogram.GetCountAtValue(LatencyHistograms.HighestMicroseconds));
    }

    /// <summary>The collector's three steps: swap the slab out, wait for the writer, add it up and hand it back.</summary>
    private static IntervalAggregate SwapInto(VirtualUserRecorder recorder, IntervalAggregate target)
    {
        var slab = recorder.SwapOut();
        recorder.WaitForWriter();
        target.Add(slab);
        slab.Reset();
        recorder.ReturnSpare(slab);
        return target;
    }
}
