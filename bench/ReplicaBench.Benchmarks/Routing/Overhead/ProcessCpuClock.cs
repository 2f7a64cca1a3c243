using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ReplicaBench.Benchmarks.Routing.Overhead;

/// <summary>
/// The whole process's user + system CPU so far. On Linux from <c>getrusage(RUSAGE_SELF)</c>, in
/// microseconds: <see cref="Process.TotalProcessorTime"/> reads /proc in 10 ms clock ticks, which
/// on a pass of 20,000 reads (about 0.3 s of CPU) is a quantization of ±0.5 µs per read — as large
/// as the overhead the step is after. Elsewhere it falls back to <see cref="Process.TotalProcessorTime"/>.
/// </summary>
internal static partial class ProcessCpuClock
{
    private const int RusageSelf = 0;

    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && GetResourceUsage(RusageSelf, out var usage) == 0)
        {
            return TimeSpan.FromMicroseconds(((usage.UserSeconds + usage.SystemSeconds) * 1_000_000.0) + usage.UserMicroseconds + usage.SystemMicroseconds);
        }

        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then 14 longs this clock does not read.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        private unsafe fixed long _rest[14];
    }
}
