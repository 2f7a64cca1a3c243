using System.Diagnostics;
using System.Globalization;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.Topology.Emulation;

/// <summary>
/// Removes the servers' cgroups once the servers are stopped. A group can only be removed once no
/// process is in it, and a postmaster's last backends exit a moment after <c>pg_ctl stop</c>
/// returns, so removal is retried (rmdir fails with EBUSY meanwhile); whatever is still in the group
/// after <see cref="KillAfter"/> is one of the server's own processes, and is killed.
/// </summary>
public static class NodeCgroupCleanup
{
    /// <summary>How long to wait for the processes to leave before killing them.</summary>
    public static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(3);

    /// <summary>How long to keep trying in all.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(8);

    /// <summary>Removes every directory of every group; a missing one is already done.</summary>
    /// <param name="groups">The groups, e.g. from topology.json's <c>emulation</c> section.</param>
    /// <param name="removeDirectory">rmdir (default); tests give a fake cgroupfs's equivalent.</param>
    /// <param name="cancellationToken">Cancels the waiting.</param>
    /// <exception cref="TopologyException">A group still had processes after <see cref="GiveUpAfter"/>.</exception>
    public static async Task RemoveAsync(IEnumerable<NodeCgroup> groups, CancellationToken cancellationToken, Action<string>? removeDirectory = null)
    {
        removeDirectory ??= path => Directory.Delete(path);
        var left = new List<string>();
        foreach (var directory in groups.SelectMany(g => g.Directories))
        {
            if (!await TryRemoveAsync(directory, removeDirectory, cancellationToken))
            {
                left.Add(directory);
            }
        }

        if (left.Count > 0)
        {
            throw new TopologyException(string.Create(
                CultureInfo.InvariantCulture,
                $"cgroup(s) {string.Join(", ", left)} still hold processes after {GiveUpAfter.TotalSeconds:0}s; kill the pids in their cgroup.procs and rmdir them."));
        }
    }

    /// <summary>The processes in a group now (empty when it is gone).</summary>
    public static IReadOnlyList<int> Processes(string directory)
    {
        try
        {
            return [.. File.ReadAllLines(Path.Combine(directory, "cgroup.procs"))
                .Select(line => int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
                .Where(pid => pid > 0)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static async Task<bool> TryRemoveAsync(string directory, Action<string> removeDirectory, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (Directory.Exists(directory))
        {
            try
            {
                removeDirectory(directory);
                return true;
            }
            catch (IOException) when (waited.Elapsed < GiveUpAfter)
            {
                if (waited.Elapsed >= KillAfter)
                {
                    // Only the server's own processes can be in its group: nothing else was ever put there.
                    LeftoverProcesses.Kill(Processes(directory));
                }

                await Task.Delay(50, cancellationToken);
            }
            catch (IOException)
            {
                return false;
            }
        }

        return true;
    }
}
