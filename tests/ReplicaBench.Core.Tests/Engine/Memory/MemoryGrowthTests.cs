using ReplicaBench.Engine.Memory;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Tests.Engine.Memory;

/// <summary>Memory growth counts from the first sample after the warm-up to the end of the measured window.</summary>
public sealed class MemoryGrowthTests
{
    private const string WorkingSet = ProcessMemorySampler.WorkingSetSeries;
    private const string Heap = ProcessMemorySampler.ManagedHeapSeries;

    [Fact]
    public void Baseline_is_the_first_sample_after_the_warm_up_and_growth_is_end_minus_baseline()
    {
        ExternalSample[] samples =
        [
            new(WorkingSet, At(-0.5), 50), new(Heap, At(-0.5), 5),
            new(WorkingSet, At(0.5), 60), new(Heap, At(0.5), 6),
            new(WorkingSet, At(3.0), 130), new(Heap, At(3.0), 13),   // out of order on purpose
            new(WorkingSet, At(2.0), 100), new(Heap, At(2.0), 10),
            new(WorkingSet, At(4.0), 110), new(Heap, At(4.0), 9),
        ];

        var memory = MemoryGrowth.From(samples, At(2.0), At(4.0));

        Assert.NotNull(memory);
        Assert.Equal(new MemorySeriesSummary(100, 130, 110), memory.WorkingSet);
        Assert.Equal(10, memory.WorkingSet.Growth);
        Assert.Equal(30, memory.WorkingSet.MaxGrowth);
        Assert.Equal(new MemorySeriesSummary(10, 13, 9), memory.ManagedHeap);
        Assert.Equal(-1, memory.ManagedHeap.Growth);
        Assert.Equal(3, memory.Samples);
    }

    [Fact]
    public void Samples_after_the_window_and_other_series_are_ignored()
    {
        ExternalSample[] samples =
        [
            new(WorkingSet, At(1), 100), new(Heap, At(1), 10),
            new("replica1.replayLagMs", At(1.5), 9_999),
            new(WorkingSet, At(2), 104), new(Heap, At(2), 11),
            new(WorkingSet, At(2.5), 900), new(Heap, At(2.5), 90),
        ];

        var memory = MemoryGrowth.From(samples, At(1), At(2));

        Assert.NotNull(memory);
        Assert.Equal(new MemorySeriesSummary(100, 104, 104), memory.WorkingSet);
        Assert.Equal(2, memory.Samples);
    }

    [Fact]
    public void A_run_without_memory_samples_in_its_window_has_no_figures()
    {
        ExternalSample[] samples = [new(WorkingSet, At(0.5), 60), new(Heap, At(0.5), 6), new("replica1.replayLagMs", At(3), 1)];

        Assert.Null(MemoryGrowth.From(samples, At(2), At(4)));
        Assert.Null(MemoryGrowth.From([], At(0), At(4)));
    }

    [Fact]
    public void A_single_sample_is_its_own_baseline_with_no_growth()
    {
        var memory = MemoryGrowth.From([new(WorkingSet, At(1), 80), new(Heap, At(1), 8)], At(0), At(2));

        Assert.NotNull(memory);
        Assert.Equal((0.0, 0.0), (memory.WorkingSet.Growth, memory.WorkingSet.MaxGrowth));
    }

    private static TimeSpan At(double seconds) => TimeSpan.FromSeconds(seconds);
}
