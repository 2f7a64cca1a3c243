using System.Runtime.InteropServices;

namespace ReplicaBench.Engine.Execution;

/// <summary>
/// Sub-millisecond sleeping for dedicated threads (the open model's pacer, the visibility probe's
/// pollers) without keeping a CPU busy. .NET's own sleeps and timers round to whole milliseconds
/// (<c>Thread.Sleep</c> rounds a sub-millisecond span down to a yield); POSIX <c>nanosleep</c> wakes within tens of microseconds, and Linux's
/// per-thread timer slack (50 µs by default) can be lowered to 1 ns for the pacer thread. Where
/// neither is available (Windows) it falls back to <see cref="Thread.Sleep(int)"/>, and the
/// coarser pacing shows up, honestly, in the schedule-lag figures.
/// </summary>
internal static class NativeSleep
{
    private const int PrSetTimerSlack = 29;
    private static bool _unavailable = !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD());

    /// <summary>Sleeps for <paramref name="duration"/> on a high-resolution timer where there is one.</summary>
    public static void Sleep(TimeSpan duration)
    {
        if (!Volatile.Read(ref _unavailable))
        {
            try
            {
                var nanoseconds = duration.Ticks * 100;
                var request = new Timespec { Seconds = (nint)(nanoseconds / 1_000_000_000), Nanoseconds = (nint)(nanoseconds % 1_000_000_000) };
                _ = nanosleep(ref request, IntPtr.Zero);
                return;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                Volatile.Write(ref _unavailable, true);
            }
        }

        Thread.Sleep(Math.Max(1, (int)Math.Ceiling(duration.TotalMilliseconds)));
    }

    /// <summary>
    /// Sleeps for <paramref name="duration"/> unless <paramref name="cancellationToken"/> is
    /// cancelled; returns true (early, for a wait of a millisecond or more) when it is.
    /// </summary>
    public static bool Sleep(TimeSpan duration, CancellationToken cancellationToken)
    {
        if (duration >= TimeSpan.FromMilliseconds(1))
        {
            return cancellationToken.WaitHandle.WaitOne(duration);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return true;
        }

        Sleep(duration);
        return cancellationToken.IsCancellationRequested;
    }

    /// <summary>Asks Linux to wake this thread's sleeps within 1 ns of their deadline rather than 50 µs.</summary>
    public static void TightenTimerSlack()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = prctl(PrSetTimerSlack, 1, 0, 0, 0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Default slack then: pacing is still sub-millisecond.
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int nanosleep(ref Timespec request, IntPtr remaining);

    [DllImport("libc", SetLastError = true)]
    private static extern int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    /// <summary>POSIX <c>struct timespec</c>: time_t and long are pointer-sized on the platforms used.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }
}
