using System.Diagnostics;
using System.Text;

namespace ReplicaBench.Topology.Local;

/// <summary>
/// Runs a PostgreSQL tool, as the server OS user when we are root (via <c>runuser</c>), with its
/// output captured. Secrets go in through environment variables or files, never the argument list,
/// so they cannot show in <c>ps</c> or in an error message.
/// </summary>
internal sealed class PgToolRunner(PostgresBinaries binaries, string? osUser)
{
    public string? OsUser => osUser;

    public async Task<string> RunAsync(
        string tool,
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (osUser is null)
        {
            start.FileName = binaries.Tool(tool);
        }
        else
        {
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", osUser, "--", binaries.Tool(tool)])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
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
