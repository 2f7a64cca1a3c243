using System.Diagnostics;

namespace ReplicaBench.Topology.Local;

/// <summary>
/// Finds and kills processes whose command line names a path under a data root: the last line of
/// defence against orphan postmasters when a start was interrupted before its pid file existed.
/// </summary>
internal static class LeftoverProcesses
{
    public static IReadOnlyList<int> Under(string dataRoot)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
        {
            return [];
        }

        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(dataRoot, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked; nothing to do.
            }
        }

        return found;
    }

    public static void Kill(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    /// <summary>Whether a process runs. A zombie (exited, not yet reaped by its parent) counts as gone.</summary>
    public static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // /proc/PID/stat: "pid (comm) S ..."; the state letter follows the last ')'.
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var state = stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault();
                return state is not ('Z' or 'X');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Waits until none of the processes runs; kills the ones still running after <paramref name="grace"/>.
    /// pg_ctl returns when the pid file is gone, a moment before the postmaster has exited.
    /// </summary>
    /// <returns>The processes that are still running after the kill.</returns>
    public static async Task<IReadOnlyList<int>> WaitForExitAsync(IReadOnlyCollection<int> pids, TimeSpan grace, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (pids.Any(IsAlive) && deadline.Elapsed < grace)
        {
            await Task.Delay(20, cancellationToken);
        }

        var survivors = pids.Where(IsAlive).ToList();
        if (survivors.Count == 0)
        {
            return [];
        }

        Kill(survivors);
        var killDeadline = Stopwatch.StartNew();
        while (survivors.Any(IsAlive) && killDeadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20, cancellationToken);
        }

        return [.. survivors.Where(IsAlive)];
    }
}
