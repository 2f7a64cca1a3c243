using System.Runtime.InteropServices;
using ReplicaBench.Topology;

namespace ReplicaBench.Cli;

/// <summary>
/// The second Ctrl+C (or SIGTERM) stops the process at once. The first one cancels the command,
/// which then finishes its cell as partial, writes results.json and takes down the servers it
/// started (seconds); a user who does not want to wait presses again. results.json is always
/// written atomically, so it is the last complete version. Servers this process started and has not
/// taken down yet are named, with the command that removes them.
/// </summary>
internal sealed class SecondInterrupt : IDisposable
{
    private readonly TextWriter _errors;
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    private SecondInterrupt(TextWriter errors)
    {
        _errors = errors;
        // Disposed with this watcher.
#pragma warning disable CA2000
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
#pragma warning restore CA2000
    }

    /// <summary>Watches SIGINT and SIGTERM for as long as it is not disposed (the command's run).</summary>
    public static SecondInterrupt Watch(TextWriter errors) => new(errors);

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Never the runtime's default (terminating the process) for either: a handler that leaves
        // the signal uncancelled lets the runtime start exiting while the command still cleans up.
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) < 2)
        {
            // The first: the command line library cancels the command and waits for its cleanup.
            return;
        }

        var left = TopologyLease.OwnedStateDirectories;
        _errors.WriteLine(left.Count == 0
            ? "replicabench: stopped at once (second interrupt)."
            : $"replicabench: stopped at once (second interrupt); servers of this run may still be up: remove them with {string.Join(" and ", left.Select(d => $"'replicabench topology down --state-dir {d}'"))}.");
        _errors.Flush();

        // Not Environment.Exit: its exit handlers would wait for the very cleanup being skipped.
        Exit(ExitCodes.Cancelled);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void Exit(int status);
}
