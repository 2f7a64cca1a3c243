using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ReplicaBench.Runs.Agents;

/// <summary>
/// One agent: a <c>replicabench load --shard i/N</c> child process whose output goes, line by line,
/// to its log file (kept in the run folder), and whose last error line is kept for the parent's message.
/// </summary>
internal sealed class AgentProcess : IDisposable
{
    private const int SigInt = 2;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private readonly Action<string>? _echo;
    private string? _lastError;

    private AgentProcess(int index, Process process, StreamWriter log, Action<string>? echo)
    {
        Index = index;
        _process = process;
        _log = log;
        _echo = echo;
    }

    /// <summary>The agent's number, 1 to N.</summary>
    public int Index { get; }

    /// <summary>The operating system's id of the agent's process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last line the agent wrote to its standard error, if any: its reason for a failed exit.</summary>
    public string? LastError
    {
        get
        {
            lock (_gate)
            {
                return _lastError;
            }
        }
    }

    /// <summary>
    /// Starts agent <paramref name="index"/> of <paramref name="plan"/>; it inherits this process's
    /// environment (settings, credentials). Each of its lines also goes to <paramref name="echo"/>, if given.
    /// </summary>
    public static AgentProcess Start(AgentCommand command, AgentPlan plan, int index, Action<string>? echo = null)
    {
        var start = new ProcessStartInfo(command.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Prefix.Concat(plan.ArgumentsOf(index)))
        {
            start.ArgumentList.Add(argument);
        }

        // Every agent runs its own matrix in a plain (non-interactive) view: its log is a file.
        var log = new StreamWriter(plan.LogOf(index), append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var agent = new AgentProcess(index, process, log, echo);
        process.OutputDataReceived += (_, e) => agent.Append(e.Data, error: false);
        process.ErrorDataReceived += (_, e) => agent.Append(e.Data, error: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return agent;
    }

    /// <summary>Waits for the agent to exit and returns its exit code, with all its output logged.</summary>
    public async Task<int> WaitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>
    /// Asks a running agent to stop as Ctrl+C would (it keeps its finished cells and marks the running
    /// one partial). A terminal's Ctrl+C reaches the agents by itself (they share its process group);
    /// this is for a parent stopped another way, e.g. by SIGTERM.
    /// </summary>
    public void Interrupt()
    {
        if (!_process.HasExited && OperatingSystem.IsLinux())
        {
            _ = kill(_process.Id, SigInt);
        }
    }

    /// <summary>Ends an agent that did not stop when asked.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    private void Append(string? line, bool error)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _log.WriteLine(line);
            if (error && line.Length > 0)
            {
                _lastError = line;
            }
        }

        _echo?.Invoke(line);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
