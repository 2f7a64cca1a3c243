using System.Runtime.InteropServices;

namespace ReplicaBench.Topology.Local;

/// <summary>
/// Freezes and thaws a local server with SIGSTOP and SIGCONT. Stopping the postmaster alone would
/// leave its backends answering, so every descendant is signalled too: the postmaster first (a
/// stopped postmaster forks no new backend), then its children and theirs, found through /proc.
/// </summary>
internal static class ServerProcessSignals
{
    private const int SignalContinue = 18;
    private const int SignalStop = 19;

    /// <summary>SIGSTOP to <paramref name="postmaster"/> and every process below it.</summary>
    public static void Freeze(int postmaster)
    {
        Send(postmaster, SignalStop);
        foreach (var child in Descendants(postmaster))
        {
            Send(child, SignalStop);
        }
    }

    /// <summary>SIGCONT to every process below <paramref name="postmaster"/>, then to it.</summary>
    public static void Thaw(int postmaster)
    {
        foreach (var child in Descendants(postmaster))
        {
            Send(child, SignalContinue);
        }

        Send(postmaster, SignalContinue);
    }

    /// <summary>
    /// Continues a server before it is stopped: a frozen one (replica-freeze, left so by a killed run)
    /// takes no signal but SIGKILL until continued. Only a pid that still runs a server on
    /// <paramref name="dataDirectory"/>: a stale pid file's pid may have been reused. Never throws:
    /// a server that cannot be signalled is for the stop that follows to report.
    /// </summary>
    public static void ThawBeforeStop(int postmaster, string dataDirectory)
    {
        if (!LeftoverProcesses.Under(dataDirectory).Contains(postmaster))
        {
            return;
        }

        try
        {
            Thaw(postmaster);
        }
        catch (TopologyException)
        {
            // Not ours to signal.
        }
    }

    /// <summary>The processes whose parent chain leads to <paramref name="root"/>, read from /proc/PID/stat.</summary>
    internal static IReadOnlyList<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                // "pid (comm) S ppid ...": the fields after the last ')' are state, then ppid.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while we looked.
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (pid, ppid) in parents)
            {
                if (ppid == parent)
                {
                    found.Add(pid);
                    frontier.Enqueue(pid);
                }
            }
        }

        return found;
    }

    private static void Send(int pid, int signal)
    {
        if (kill(pid, signal) != 0 && Marshal.GetLastPInvokeError() != 3)
        {
            // 3 = ESRCH: the process ended meanwhile, which is fine; anything else (EPERM) is not.
            throw new TopologyException($"cannot signal server process {pid} (errno {Marshal.GetLastPInvokeError()}); freezing a server needs the rights to signal its processes (root, or its OS user).");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
