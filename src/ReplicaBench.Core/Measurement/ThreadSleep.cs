using System.Runtime.InteropServices;

namespace ReplicaBench.Measurement;

/// <summary>
/// Puts a dedicated thread to sleep for sub-millisecond intervals without keeping a CPU busy.
/// .NET has no such wait: <c>Thread.Sleep</c> rounds a sub-millisecond <see cref="TimeSpan"/> down to
/// 0 (a yield: the thread stays runnable), and timer-based waits round up to ~1 ms or more. On Linux
/// and macOS <c>usleep</c> sleeps on a high-resolution timer (100 µs took ~0.2 ms on the 2-core CI
/// machine); elsewhere waits are rounded up to whole milliseconds.
/// </summary>
internal static class ThreadSleep
{
    private static readonly bool HasMicrosecondSleep = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Sleeps for <paramref name="duration"/>; returns true (early) if <paramref name="cancellationToken"/> is cancelled.</summary>
    public static bool Sleep(TimeSpan duration, CancellationToken cancellationToken)
    {
        if (duration >= TimeSpan.FromMilliseconds(1) || !HasMicrosecondSleep)
        {
            return cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(duration.TotalMilliseconds))));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return true;
        }

        _ = usleep((uint)Math.Max(1, duration.TotalMicroseconds));
        return cancellationToken.IsCancellationRequested;
    }

    // DllImport rather than LibraryImport: the signature is blittable, so no generated marshalling
    // (and no unsafe code in the project) is needed.
    [DllImport("libc", EntryPoint = "usleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int usleep(uint microseconds);
}
