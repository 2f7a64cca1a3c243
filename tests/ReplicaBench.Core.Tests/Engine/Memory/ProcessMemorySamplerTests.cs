using System.Diagnostics;
using ReplicaBench.Engine;
using ReplicaBench.Engine.Memory;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Tests.Engine.Memory;

/// <summary>The sampler puts this process's working set and managed heap on the run's clock, at once and then every interval.</summary>
public sealed class ProcessMemorySamplerTests
{
    [Fact]
    public void One_sample_is_a_working_set_and_a_managed_heap_figure_in_megabytes_at_the_same_time()
    {
        var clock = FakeClockRun.NewClock();
        var samples = new ExternalSamples(clock);
        using var process = Process.GetCurrentProcess();
        var keepAlive = new byte[4 * 1024 * 1024];
        GC.Collect();

        ProcessMemorySampler.Sample(samples, process);

        var drained = Drain(samples, clock.GetTimestamp());
        Assert.Equal([ProcessMemorySampler.WorkingSetSeries, ProcessMemorySampler.ManagedHeapSeries], drained.Select(s => s.Series));
        Assert.All(drained, s => Assert.Equal(TimeSpan.Zero, s.Offset));
        // This test process holds at least the 4 MB array on its managed heap, and far less than 64 GB of either.
        Assert.InRange(drained[0].Value, 4, 64 * 1024);
        Assert.InRange(drained[1].Value, 4, 64 * 1024);
        GC.KeepAlive(keepAlive);
    }

    [Fact]
    public async Task Running_samples_at_once_and_then_once_per_interval_of_the_given_clock_until_cancelled()
    {
        var clock = FakeClockRun.NewClock();
        var samples = new ExternalSamples(clock);
        var origin = clock.GetTimestamp();
        using var stop = new CancellationTokenSource();
        var seen = new List<ExternalSample>();

        var running = ProcessMemorySampler.RunAsync(samples, TimeSpan.FromSeconds(1), stop.Token);
        seen.AddRange(Drain(samples, origin));
        Assert.Equal(2, seen.Count);

        for (var second = 1; second <= 3; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await WaitForAsync(() => seen.AddRange(Drain(samples, origin)), () => seen.Count == 2 * (second + 1));
        }

        await stop.CancelAsync();
        await running;
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(Drain(samples, origin));
        Assert.Equal(
            [0.0, 1.0, 2.0, 3.0],
            seen.Where(s => s.Series == ProcessMemorySampler.WorkingSetSeries).Select(s => s.Offset.TotalSeconds));
    }

    private static List<ExternalSample> Drain(ExternalSamples samples, long origin)
    {
        var into = new List<ExternalSample>();
        samples.Drain(t => TimeSpan.FromTicks((long)Math.Round((t - origin) * (double)TimeSpan.TicksPerSecond / samples.TimeProvider.TimestampFrequency)), into);
        return into;
    }

    // The timer's continuation may run on the thread pool: wait for it (not a timing assertion).
    private static async Task WaitForAsync(Action poll, Func<bool> done)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            poll();
            if (done() || waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.True(done(), "the sampler did not sample after the clock advanced");
                return;
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
