using System.Diagnostics;
using System.Text;

namespace ReplicaBench.Topology.Local;

/// <summary>
/// Runs a PostgreSQL tool, as the server OS user when we are root (via <c>runuser</c>), with its
/// output captured. Secrets go in through environment variables or files, never the argument list,
/// so they cannot show in <c>ps</c> or in an error message. A server start can be put into cgroups
/// first (<see cref="RunAsync"/>'s <c>cgroupProcsFiles</c>), so the postmaster and everything it
/// forks run under the node's quota from their first instruction.
/// </summary>
internal sealed class PgToolRunner(PostgresBinaries binaries, string? osUser)
{
    public string? OsUser => osUser;

    public async Task<string> RunAsync(
        string tool,
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyList<string>? cgroupProcsFiles = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        List<string> command = osUser is null ? [binaries.Tool(tool)] : ["runuser", "-u", osUser, "--", binaries.Tool(tool)];
        if (cgroupProcsFiles is { Count: > 0 })
        {
            // .NET cannot run code between fork and exec, so a shell does it: it writes its own pid to
            // every cgroup.procs (as root, before runuser drops to the server's user), then execs the
            // tool in its place. pg_ctl, the postmaster and every backend are then born in the groups;
            // moving a running server afterwards could miss a process forked meanwhile.
            command = ["/bin/sh", "-c", JoinCgroupsScript, "sh", .. cgroupProcsFiles, "--", .. command];
        }

        start.FileName = command[0];
        foreach (var a in command.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        // A clean libpq environment: the user's PGHOST/PGPORT/... must not redirect our tools.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["LC_ALL"] = "C";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        var text = Snapshot(output);
        if (process.ExitCode != 0)
        {
            throw new TopologyException($"{tool} failed (exit {process.ExitCode}): {LastLines(text, 3)}");
        }

        return text;
    }

    /// <summary>Writes the shell's pid to each file argument up to <c>--</c>, then execs the rest; exit 97 when a write fails.</summary>
    internal const string JoinCgroupsScript =
        "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || { echo \"cannot join cgroup $1\" >&2; exit 97; }; shift; done; shift; exec \"$@\"";

    /// <summary>The last few non-empty lines of a tool's output, joined into one line for an error.</summary>
    internal static string LastLines(string text, int count) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
