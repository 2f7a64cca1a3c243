using System.Runtime.InteropServices;
using ReplicaBench.Topology;

namespace ReplicaBench.Cli;

/// <summary>
/// The process's one handler of Ctrl+C and SIGTERM. The first cancels the command, which then
/// finishes its cell as partial, writes results.json and takes down the servers it started
/// (seconds). The second stops the process at once, naming the servers it has not taken down yet
/// with the command that removes them; so does a cleanup still running after
/// <see cref="CleanupAllowance"/>. results.json is always written atomically, so what is on disk is
/// its last complete version.
/// </summary>
/// <remarks>
/// System.CommandLine's own signal handling is off (<c>ProcessTerminationTimeout = null</c>): the
/// runtime runs every handler of a signal one after another, in no set order, and System.CommandLine's
/// blocks until the command ends. Behind it, a second Ctrl+C waited for the very cleanup it was
/// meant to cut short.
/// </remarks>
internal sealed class Interrupts : IDisposable
{
    /// <summary>How long the first signal's cleanup (stopping up to nine servers, flushing results) may take.</summary>
    public static readonly TimeSpan CleanupAllowance = TimeSpan.FromSeconds(60);

    private readonly TextWriter _errors;
    private readonly CancellationTokenSource _command = new();
    private readonly PosixSignalRegistration[] _registrations;
    private Timer? _allowance;
    private int _signals;

    private Interrupts(TextWriter errors)
    {
        _errors = errors;
        // Disposed with this watcher.
#pragma warning disable CA2000
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
#pragma warning restore CA2000
    }

    /// <summary>Cancelled by the first Ctrl+C or SIGTERM: the command's token.</summary>
    public CancellationToken Command => _command.Token;

    /// <summary>Watches SIGINT and SIGTERM for as long as it is not disposed (the command's run).</summary>
    public static Interrupts Watch(TextWriter errors) => new(errors);

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _allowance?.Dispose();
        _command.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Never the runtime's default (terminating the process): the command cleans up first.
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _allowance = new Timer(_ => StopAtOnce($"still cleaning up {CleanupAllowance.TotalSeconds:0} s after the interrupt"), null, CleanupAllowance, Timeout.InfiniteTimeSpan);
            _command.Cancel();
            return;
        }

        StopAtOnce("second interrupt");
    }

    private void StopAtOnce(string why)
    {
        var left = TopologyLease.OwnedStateDirectories;
        _errors.WriteLine(left.Count == 0
            ? $"replicabench: stopped at once ({why})."
            : $"replicabench: stopped at once ({why}); servers of this run may still be up: remove them with {string.Join(" and ", left.Select(d => $"'replicabench topology down --state-dir {d}'"))}.");
        _errors.Flush();

        // Not Environment.Exit: its exit handlers would wait for the very cleanup being skipped.
        Exit(ExitCodes.Cancelled);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void Exit(int status);
}
