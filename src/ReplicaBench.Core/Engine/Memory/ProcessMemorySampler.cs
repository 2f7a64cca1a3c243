using System.Diagnostics;

namespace ReplicaBench.Engine.Memory;

/// <summary>
/// Puts this process's memory on a run's timeline once a second: the working set (what the OS
/// charges the load generator, native buffers and JIT code included) and the managed heap as of the
/// last garbage collection (where an unbounded list in our own code would show first). Every run
/// records them, so nightly runs show growth too, not only the dedicated soak; the figures land in
/// the series file as external samples and are summed up by <see cref="MemoryGrowth"/>.
/// </summary>
/// <remarks>
/// One sample is a <see cref="Process.Refresh"/> (on Linux a read of <c>/proc/self</c>) and a
/// <see cref="GC.GetGCMemoryInfo()"/> call, once a second on a timer thread, never on the
/// operations' path.
/// </remarks>
public static class ProcessMemorySampler
{
    /// <summary>Series name of the working set, MB (2^20 bytes).</summary>
    public const string WorkingSetSeries = "process.workingSetMB";

    /// <summary>Series name of the managed heap size after the last GC, MB (2^20 bytes).</summary>
    public const string ManagedHeapSeries = "process.managedHeapMB";

    private const double BytesPerMegabyte = 1024 * 1024;

    /// <summary>Samples at once and then every <paramref name="interval"/> on the samples' clock, until cancelled.</summary>
    public static async Task RunAsync(ExternalSamples samples, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        using var process = Process.GetCurrentProcess();
        using var timer = new PeriodicTimer(interval, samples.TimeProvider);
        try
        {
            do
            {
                Sample(samples, process);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over: the last sample is already in.
        }
    }

    /// <summary>Appends one working-set and one managed-heap sample, timestamped now.</summary>
    public static void Sample(ExternalSamples samples, Process process)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(process);
        var timestamp = samples.TimeProvider.GetTimestamp();
        process.Refresh();
        samples.Append(WorkingSetSeries, process.WorkingSet64 / BytesPerMegabyte, timestamp);
        samples.Append(ManagedHeapSeries, GC.GetGCMemoryInfo().HeapSizeBytes / BytesPerMegabyte, timestamp);
    }
}
